namespace NemLogin.LoadTests.Profiles;

/// <summary>What the command line asks of a profile.</summary>
public sealed record ProfileRequest(
    string Name,
    TimeSpan? Duration,
    TimeSpan WarmUp,
    double? Rate,
    int Copies,
    StressSettings Stress);
