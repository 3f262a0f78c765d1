using System.Globalization;

namespace NemLogin.LoadTests.Configuration;

/// <summary>
/// Reads <c>[run|prepare|profile|faults] --name value …</c>. A <c>--config</c> file is applied first wherever it appears, so the
/// command line always wins over the file. Unknown options are errors, not silently ignored.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        NemLogin load runner

          prepare  --sp-dir DIR [--sp-count 4] [--sp-base-url URL]
                   Creates virtual service providers (keys + metadata). Start the broker with
                   ServiceProviders__MetadataDirectory=DIR so it registers them.
          run      --target URL [--profile average|peak|peak-day|soak|stress|constant] [--duration 60s]
                   [--report-dir DIR] [--sp-dir DIR] [--warm-up 5s]
                   [--scenarios saml-login,sso-second-sp,saml-logout,sp-churn,saml-login-ssp,oidc-login,
                    oidc-refresh,oidc-login-ref,professional-login,mandate-login (any of them; default saml-login)]
                   [--rate N] [--copies N] [--users alice,bent,dorte] [--max-fail-count 500]
                   [--max-in-flight 5000] [--request-timeout 30s] [--drain-timeout 30s] [--broker-pid PID]
                   [--stress-start 25] [--stress-step 25] [--stress-step-duration 15s] [--stress-max 1500]
                   [--stress-p99-ms 200] [--stress-max-errors-percent 1] [--config run.json]
                   [--admin-key KEY (or NEMLOGIN_ADMIN_KEY), for --scenarios sp-churn, professional-login, mandate-login
                    and --register-sps]
                   [--population-scale F: mandate-login logs in the population `NemLogin.Silo seed --scale F` wrote;
                    without it, mandate-login sets up a small one through the admin API]
                   [--register-sps: register the virtual SPs through the admin API first, e.g. on a cluster]
                   [--profile-broker [--profile-duration 30s]: EventPipe CPU samples of the broker on this
                    machine during the run, summed up in broker-profile.md]
                   (run is the default command)
          profile  --broker-pid PID [--profile-duration 30s] [--report-dir DIR] [--callers TEXT]
                   EventPipe CPU samples of any .NET process on this machine (a silo during the seed, a
                   gateway), summed up in process-profile.md
          profile  --trace FILE.nettrace [--report-dir DIR] [--callers TEXT]
                   sums up a recording made earlier (with sample-profiler events, e.g. dotnet-trace's default);
                   --callers also sums the call paths that led to the first frame containing TEXT
          faults   --target URL --sp-dir DIR --admin-key KEY --fault-command "scripts/cluster.sh fault"
                   [--faults postgres-primary,redis-master,data-centre,partition] [--rate 15] [--settle 15s]
                   [--recovery-timeout 90s] [--steady 5s] [--report-dir DIR]
                   Runs saml-login at a steady rate while it injects each fault in turn (`<fault-command> inject
                   NAME`), waits until logins succeed steadily again, heals it (`<fault-command> heal NAME`) and lets
                   the cluster settle; a side writer records acknowledged SP registrations, mandate grants and sessions
                   and finds every one afterwards. Writes faults.json and faults.md beside the run's reports.
        """;

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new RunnerOptions();
        var pairs = new List<(string Name, string Value)>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && arg is "run" or "prepare" or "profile" or "faults")
            {
                options = options with { Command = arg };
                continue;
            }

            if (arg is "--help" or "-h")
            {
                return options with { ShowHelp = true };
            }

            if (arg == "--register-sps")
            {
                options = options with { RegisterServiceProviders = true };
                continue;
            }

            if (arg == "--profile-broker")
            {
                options = options with { ProfileBroker = true };
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs.Add((arg[2..equals], arg[(equals + 1)..]));
            }
            else if (i + 1 < args.Count)
            {
                pairs.Add((arg[2..], args[++i]));
            }
            else
            {
                throw new ArgumentException($"{arg} needs a value.");
            }
        }

        foreach (var (_, path) in pairs.Where(p => p.Name == "config"))
        {
            options = OptionsFile.Apply(options, path);
        }

        foreach (var (name, value) in pairs.Where(p => p.Name != "config"))
        {
            options = Apply(options, name, value);
        }

        return options;
    }

    private static RunnerOptions Apply(RunnerOptions o, string name, string value) => name switch
    {
        "target" => o with { Target = Url(value) },
        "profile" => o with { Profile = value },
        "duration" => o with { Duration = DurationText.Parse(value) },
        "warm-up" => o with { WarmUp = OptionsFile.ParseZeroable(value) },
        "report-dir" => o with { ReportDirectory = value },
        "sp-dir" => o with { ServiceProviderDirectory = value },
        "sp-count" => o with { ServiceProviderCount = Int(name, value) },
        "sp-base-url" => o with { ServiceProviderBaseUrl = Url(value).ToString().TrimEnd('/') },
        "scenarios" => o with { Scenarios = [.. List(value).Select(s => new ScenarioSelection(s))] },
        "rate" => o with { Rate = Positive(name, value) },
        "copies" => o with { Copies = Int(name, value) },
        "users" => o with { Users = List(value) },
        "max-fail-count" => o with { MaxFailCount = Int(name, value) },
        "max-in-flight" => o with { MaxInFlight = Int(name, value) },
        "request-timeout" => o with { RequestTimeout = DurationText.Parse(value) },
        "drain-timeout" => o with { DrainTimeout = DurationText.Parse(value) },
        "broker-pid" => o with { BrokerProcessId = Int(name, value) },
        "admin-key" => o with { AdminApiKey = value },
        "population-scale" => o with { PopulationScale = Population.PopulationCounts.TryParseScale(value, out var scale) ? scale
            : throw new ArgumentException($"--population-scale is a fraction of the national figures above 0 and at most {Population.PopulationCounts.MaxScale}, not '{value}'.") },
        "trace" => o with { TraceFile = value },
        "callers" => o with { CallersOf = value },
        "profile-duration" => o with { ProfileDuration = DurationText.Parse(value) },
        "faults" => o with { Faults = o.Faults with { Names = List(value) } },
        "fault-command" => o with { Faults = o.Faults with { Command = value } },
        "settle" => o with { Faults = o.Faults with { Settle = DurationText.Parse(value) } },
        "recovery-timeout" => o with { Faults = o.Faults with { RecoveryTimeout = DurationText.Parse(value) } },
        "steady" => o with { Faults = o.Faults with { Steady = DurationText.Parse(value) } },
        "stress-start" => o with { Stress = o.Stress with { StartRate = Positive(name, value) } },
        "stress-step" => o with { Stress = o.Stress with { StepRate = Positive(name, value) } },
        "stress-step-duration" => o with { Stress = o.Stress with { StepDuration = DurationText.Parse(value) } },
        "stress-max" => o with { Stress = o.Stress with { MaxRate = Positive(name, value) } },
        "stress-p99-ms" => o with { Stress = o.Stress with { MaxP99Ms = Positive(name, value) } },
        "stress-max-errors-percent" => o with { Stress = o.Stress with { MaxFailPercent = Positive(name, value) } },
        _ => throw new ArgumentException($"Unknown option --{name}. Try --help."),
    };

    private static Uri Url(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.ToString().TrimEnd('/') + "/")
            : throw new ArgumentException($"'{value}' is not an http(s) URL.");

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"--{name} needs a whole number of zero or more, not '{value}'.");

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--{name} needs a number above zero, not '{value}'.");

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
