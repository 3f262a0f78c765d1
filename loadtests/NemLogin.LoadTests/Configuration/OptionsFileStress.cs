namespace NemLogin.LoadTests.Configuration;

/// <summary>The stress staircase settings in a <c>--config</c> file.</summary>
internal sealed record OptionsFileStress
{
    public double? StartRate { get; init; }
    public double? StepRate { get; init; }
    public string? StepDuration { get; init; }
    public double? MaxRate { get; init; }
    public double? MaxP99Ms { get; init; }
    public double? MaxFailPercent { get; init; }
}
