using System.Globalization;
using System.Net;
using System.Text;

namespace NemLogin.LoadTests.Reports;

/// <summary>
/// A self-contained inline SVG line chart (no script, no external assets), so the HTML report opens anywhere,
/// offline, and can be attached to an issue as one file.
/// </summary>
public static class SvgLineChart
{
    private const double Width = 760;
    private const double Height = 300;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 36;
    private const double Bottom = 48;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.Points).ToList();
        var xMax = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.X), 1e-9);
        var xMin = points.Count == 0 ? 0 : Math.Min(points.Min(p => p.X), 0);
        var yMax = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Y));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double x) => Left + ((x - xMin) / (xMax - xMin) * plotWidth);
        double Y(double y) => Top + plotHeight - (y / yMax * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");

        var yStep = yMax / 5;
        for (var i = 0; i <= 5; i++)
        {
            var y = Y(yStep * i);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(y)}\" x2=\"{Width - Right}\" y2=\"{N(y)}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{Label(yStep * i)}</text>");
        }

        var xStep = NiceCeiling((xMax - xMin) / 8);
        for (var x = Math.Ceiling(xMin / xStep) * xStep; x <= xMax + 1e-9; x += xStep)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(x))}\" y1=\"{Top + plotHeight}\" x2=\"{N(X(x))}\" y2=\"{Top + plotHeight + 4}\" stroke=\"#666\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(x))}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{Label(x)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#666\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\">{E(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(14 {Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{E(yLabel)}</text>");

        var legendX = Width - Right;
        foreach (var s in series.Reverse())
        {
            legendX -= 16 + (s.Name.Length * 6.5);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(legendX)}\" y=\"24\" width=\"10\" height=\"3\" fill=\"{E(s.Color)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(legendX + 13)}\" y=\"29\">{E(s.Name)}</text>");
        }

        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var path = string.Join(' ', s.Points.Select(p => $"{N(X(p.X))},{N(Y(p.Y))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{E(s.Color)}\" stroke-width=\"1.6\" points=\"{path}\"><title>{E(s.Name)}</title></polyline>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten at or above <paramref name="value"/>: axis ends that read well.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0 || double.IsNaN(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * magnitude >= value * (1 - 1e-12))
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Label(double value) =>
        value.ToString(Math.Abs(value) >= 100 || value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
