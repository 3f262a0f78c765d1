using NemLogin.LoadTests.Profiles;

namespace NemLogin.LoadTests.Configuration;

/// <summary>Everything a run is told, from a JSON file and then the command line (which wins).</summary>
public sealed record RunnerOptions
{
    public string Command { get; init; } = "run";

    public Uri? Target { get; init; }

    public string Profile { get; init; } = "average";

    public TimeSpan? Duration { get; init; }

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public string? ReportDirectory { get; init; }

    public string ServiceProviderDirectory { get; init; } = Path.Combine(".nemlogin-load", "service-providers");

    public int ServiceProviderCount { get; init; } = 4;

    public string ServiceProviderBaseUrl { get; init; } = Parties.ServiceProviderSet.DefaultBaseUrl;

    public IReadOnlyList<ScenarioSelection> Scenarios { get; init; } = [new("saml-login")];

    public double? Rate { get; init; }

    public int Copies { get; init; } = 20;

    /// <summary>MitID simulator users the virtual citizens log in as (Substantial or higher: the SPs ask for Substantial).</summary>
    public IReadOnlyList<string> Users { get; init; } = ["alice", "bent", "dorte"];

    public long MaxFailCount { get; init; } = 500;

    public int MaxInFlight { get; init; } = 5000;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The broker's process id; null finds the process listening on the target's port.</summary>
    public int? BrokerProcessId { get; init; }

    public StressSettings Stress { get; init; } = new();

    /// <summary>The broker's <c>Admin:ApiKey</c>, for the scenarios that use the admin API (default: NEMLOGIN_ADMIN_KEY).</summary>
    public string? AdminApiKey { get; init; } = Environment.GetEnvironmentVariable("NEMLOGIN_ADMIN_KEY");

    /// <summary>Register the virtual SPs through the admin API before the run (a cluster, or a broker without the metadata folder).</summary>
    public bool RegisterServiceProviders { get; init; }

    /// <summary>Record the broker's CPU samples (EventPipe) for the first <see cref="ProfileDuration"/> of the measured run.</summary>
    public bool ProfileBroker { get; init; }

    public TimeSpan ProfileDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>profile --trace FILE</c>: sum up a recording made earlier (ours or <c>dotnet-trace</c>'s) instead of recording.</summary>
    public string? TraceFile { get; init; }

    /// <summary><c>profile --callers TEXT</c>: also sum the call paths that led to the first frame containing TEXT (a contended lock, say).</summary>
    public string? CallersOf { get; init; }

    /// <summary>The scale the broker's synthetic population was seeded at (<c>NemLogin.Silo seed --scale</c>), for <c>mandate-login</c>; null: the runner sets up its own.</summary>
    public double? PopulationScale { get; init; }

    /// <summary>Width of one time-series point; null lets the engine choose (1 s, wider for long runs).</summary>
    public TimeSpan? BucketWidth { get; init; }

    /// <summary><c>faults</c>: what to inject, in order, and how (<see cref="Faults.FaultRunSettings"/>).</summary>
    public Faults.FaultRunSettings Faults { get; init; } = new();

    public bool ShowHelp { get; init; }
}
