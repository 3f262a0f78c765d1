namespace NemLogin.LoadTests.Reports;

/// <summary>One line of a chart: its legend name, colour, and (x, y) points in ascending x.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
