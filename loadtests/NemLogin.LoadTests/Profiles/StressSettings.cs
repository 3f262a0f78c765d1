namespace NemLogin.LoadTests.Profiles;

/// <summary>The stress staircase: from <see cref="StartRate"/> up by <see cref="StepRate"/> every <see cref="StepDuration"/> to <see cref="MaxRate"/>.</summary>
public sealed record StressSettings
{
    public double StartRate { get; init; } = 25;

    public double StepRate { get; init; } = 25;

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(15);

    public double MaxRate { get; init; } = 1500;

    public double MaxP99Ms { get; init; } = 200;

    public double MaxFailPercent { get; init; } = 1;
}
