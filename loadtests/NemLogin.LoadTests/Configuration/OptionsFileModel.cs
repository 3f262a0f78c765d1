namespace NemLogin.LoadTests.Configuration;

/// <summary>The shape of a <c>--config</c> JSON file; every field optional, the command line wins.</summary>
internal sealed record OptionsFileModel
{
    public string? Target { get; init; }
    public string? Profile { get; init; }
    public string? Duration { get; init; }
    public string? WarmUp { get; init; }
    public string? ReportDir { get; init; }
    public string? SpDir { get; init; }
    public List<OptionsFileScenario>? Scenarios { get; init; }
    public double? Rate { get; init; }
    public int? Copies { get; init; }
    public List<string>? Users { get; init; }
    public long? MaxFailCount { get; init; }
    public int? MaxInFlight { get; init; }
    public string? RequestTimeout { get; init; }
    public string? DrainTimeout { get; init; }
    public int? BrokerPid { get; init; }
    public string? AdminKey { get; init; }
    public OptionsFileStress? Stress { get; init; }
}
