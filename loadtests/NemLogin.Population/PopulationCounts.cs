using System.Globalization;

namespace NemLogin.Population;

/// <summary>How many of each the population holds at one fraction of the national figures (each at least one).</summary>
public sealed record PopulationCounts(double Scale, int People, int Organisations, int BusinessIdentities, int Mandates)
{
    /// <summary>The largest scale: twice the nation (the indices stay within their ranges, see <see cref="SyntheticPeople"/>).</summary>
    public const double MaxScale = 2;

    public static PopulationCounts At(double scale)
    {
        if (double.IsNaN(scale) || scale <= 0 || scale > MaxScale)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The scale is a fraction of the national figures above 0 and at most {MaxScale}.");
        }

        return new PopulationCounts(
            scale,
            Of(NationalScale.People, scale),
            Of(NationalScale.Organisations, scale),
            Of(NationalScale.BusinessIdentities, scale),
            Of(NationalScale.Mandates, scale));
    }

    /// <summary>Parses a scale as written on a command line (<c>0.01</c>, <c>1</c>; invariant culture).</summary>
    public static bool TryParseScale(string? text, out double scale) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out scale) && scale > 0 && scale <= MaxScale;

    private static int Of(int national, double scale) => Math.Max(1, (int)Math.Round(national * scale, MidpointRounding.AwayFromZero));
}
