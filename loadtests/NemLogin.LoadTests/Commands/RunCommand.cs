using NemLogin.LoadTests.Broker;
using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;
using NemLogin.LoadTests.Profiles;
using NemLogin.LoadTests.Profiling;
using NemLogin.LoadTests.Progress;
using NemLogin.LoadTests.Reports;
using NemLogin.LoadTests.Scenarios;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Commands;

/// <summary>
/// <c>run</c>: loads the virtual SPs, reads the broker's metadata, checks one iteration of every scenario end to
/// end (so a broker that does not know the SPs fails in a second with the reason, not after a minute of errors), runs
/// the profile and writes the reports.
/// </summary>
public static class RunCommand
{
    public const int ExitOk = 0;
    public const int ExitFailures = 1;
    public const int ExitCannotStart = 2;

    public static async Task<(int ExitCode, RunReport? Report, string? ReportDirectory)> ExecuteAsync(
        RunnerOptions options, IProgressDisplay display, TextWriter output, CancellationToken cancellationToken,
        Action<RunResources>? measurementStarted = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Target is null)
        {
            output.WriteLine("--target is required, e.g. --target http://127.0.0.1:5099");
            return (ExitCannotStart, null, null);
        }

        var target = new Uri(options.Target.ToString().TrimEnd('/') + "/");
        var profile = ProfileCatalog.Build(new ProfileRequest(options.Profile, options.Duration, options.WarmUp, options.Rate, options.Copies, options.Stress));
        var runs = BuildRuns(options, profile);
        // The SP folder and the broker's SAML metadata only when a scenario uses SAML: the OpenID Connect scenarios
        // also run against an OP that has neither (the reference OP).
        var saml = runs.Any(r => r.Scenario.UsesSaml) || options.RegisterServiceProviders;
        var providers = saml ? ServiceProviderSet.Load(options.ServiceProviderDirectory) : [];
        using var transport = new BrowserTransport(options.RequestTimeout);
        var idp = saml ? await BrokerIdentityProvider.FetchAsync(transport.Invoker, target, cancellationToken) : null;
        var admin = string.IsNullOrEmpty(options.AdminApiKey) ? null : new AdminApi(transport, target, options.AdminApiKey);
        var resources = new RunResources(target, idp, providers, options.Users, transport, admin, options.PopulationScale);

        if (options.RegisterServiceProviders && !await RegisterAsync(admin, providers, output, cancellationToken))
        {
            return (ExitCannotStart, null, null);
        }

        if (await PreflightAsync(runs, resources, output, cancellationToken) is false)
        {
            return (ExitCannotStart, null, null);
        }

        var notes = new List<string>();
        var brokerPid = options.BrokerProcessId ?? BrokerProcessLocator.Find(target);
        if (brokerPid == Environment.ProcessId)
        {
            notes.Add("The broker runs inside the runner's process: its CPU time is not measured apart.");
            brokerPid = null;
        }
        else if (brokerPid is null)
        {
            notes.Add("The broker's process was not found on this machine (pass --broker-pid): its CPU time is not measured.");
        }

        notes.Add($"Virtual SPs: {providers.Count}; test users: {string.Join(", ", options.Users)} (every login lands on one of these identities).");
        notes.Add("The runner shares the machine with the broker when both run here: its CPU time is in 'runner CPU'.");

        var directory = options.ReportDirectory ?? Path.Combine("load-reports", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{profile.Name}");
        Directory.CreateDirectory(directory);
        ProfileCapture? capture = null;
        if (options.ProfileBroker && brokerPid is null)
        {
            notes.Add("--profile-broker: the broker's process is not known here, so it was not profiled.");
        }

        var settings = new RunSettings
        {
            MaxFailCount = options.MaxFailCount,
            MaxInFlight = options.MaxInFlight,
            DrainTimeout = options.DrainTimeout,
            Stress = profile.Stress,
            BrokerProcessId = brokerPid,
            BucketWidth = options.BucketWidth,
            MeasurementStarted = () =>
            {
                if (options.ProfileBroker && brokerPid is { } profiled)
                {
                    capture = ProfileCapture.Start(profiled, Path.Combine(directory, BrokerProfile.TraceFile), options.ProfileDuration);
                }

                measurementStarted?.Invoke(resources);
            },
        };
        var result = await new LoadEngine(resources, settings).RunAsync(runs, display, cancellationToken);
        if (capture is not null)
        {
            notes.Add(await BrokerProfile.FinishAsync(capture, directory));
        }
        if (cancellationToken.IsCancellationRequested)
        {
            notes.Add("The run was interrupted before its end.");
        }

        var report = new RunReport(target.ToString().TrimEnd('/'), profile.Name, profile.Description, RunReport.DescribeMachine(), result, notes);
        foreach (var path in ReportFiles.WriteAll(report, directory))
        {
            output.WriteLine("report: " + Path.GetFullPath(path));
        }

        output.WriteLine(Summary(report));
        var expectedStop = profile.Stress is not null || result.StopReason is null;
        return (result.TotalFailures == 0 && expectedStop ? ExitOk : ExitFailures, report, directory);
    }

    public static IReadOnlyList<ScenarioRun> BuildRuns(RunnerOptions options, ProfilePlan profile)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(profile);
        var totalWeight = options.Scenarios.Sum(s => s.Weight);
        if (options.Scenarios.Count == 0 || totalWeight <= 0 || options.Scenarios.Any(s => s.Weight < 0))
        {
            throw new ArgumentException("Name at least one scenario, with weights of zero or more that add up to more than zero.");
        }

        return [.. options.Scenarios.Where(s => s.Weight > 0 || s.Simulations is not null).Select(s =>
        {
            var share = s.Weight / totalWeight;
            var simulations = s.Simulations ?? SimulationShare.Scale(profile.Simulations, share);
            var warmUp = profile.WarmUp.Count == 0 ? null : SimulationPlan.Compile(SimulationShare.Scale(profile.WarmUp, s.Simulations is null ? share : 1));
            return new ScenarioRun(ScenarioCatalog.Find(s.Name), SimulationPlan.Compile(simulations), warmUp);
        })];
    }

    private static async Task<bool> RegisterAsync(AdminApi? admin, IReadOnlyList<VirtualServiceProvider> providers, TextWriter output, CancellationToken cancellationToken)
    {
        if (admin is null)
        {
            output.WriteLine("--register-sps needs the broker's admin key: --admin-key or NEMLOGIN_ADMIN_KEY.");
            return false;
        }

        foreach (var sp in providers)
        {
            // 201 registers, 200 replaces the metadata of an SP registered before: both leave it as the runner needs it.
            var page = await admin.RegisterAsync(sp.Metadata(), cancellationToken);
            if (page.Status is not (200 or 201))
            {
                output.WriteLine($"Registering {sp.EntityId} through the admin API failed: {page.Status} {page.Body[..Math.Min(300, page.Body.Length)]}");
                return false;
            }
        }

        output.WriteLine($"{providers.Count} virtual SPs registered through the admin API.");
        return true;
    }

    private static async Task<bool> PreflightAsync(IReadOnlyList<ScenarioRun> runs, RunResources resources, TextWriter output, CancellationToken cancellationToken)
    {
        var ok = true;
        foreach (var run in runs)
        {
            var stats = new ScenarioStats(run.Scenario.Name);
            await new IterationRunner(run.Scenario, stats, resources, maxInFlight: 1).RunAsync(cancellationToken);
            var summary = stats.Iterations.Summarize();
            if (summary.Ok == 1)
            {
                continue;
            }

            ok = false;
            output.WriteLine($"Scenario {run.Scenario.Name} does not work against this broker:");
            foreach (var (status, reason) in summary.SampleReasons)
            {
                output.WriteLine($"  {status}: {reason}");
            }

            if (summary.Statuses.Keys.Any(k => k.Contains("IssuerUnknown", StringComparison.Ordinal)))
            {
                output.WriteLine("The broker does not know the virtual SPs. Start it with ServiceProviders__MetadataDirectory=<the --sp-dir folder>.");
            }

            if (summary.Statuses.Keys.Any(k => k.Contains("SloEndpointNotRegistered", StringComparison.Ordinal)))
            {
                output.WriteLine("The virtual SPs were prepared without a single logout endpoint (an older runner): run prepare again and restart the broker.");
            }
        }

        return ok;
    }

    private static string Summary(RunReport report)
    {
        var r = report.Result;
        var lines = r.Scenarios.Select(s =>
            $"{s.Scenario.Name}: ok {s.Iterations.Ok}, fail {s.Iterations.Fail}, {report.OkRps(s):0.0} ok/s, " +
            $"p50 {s.Iterations.Latency.P50Ms:0.0} ms, p95 {s.Iterations.Latency.P95Ms:0.0} ms, p99 {s.Iterations.Latency.P99Ms:0.0} ms, max {s.Iterations.Latency.MaxMs:0.0} ms").ToList();
        if (r.BrokerCpu is { } cpu)
        {
            lines.Add($"broker CPU: {cpu.MillisecondsPerLogin:0.00} ms per login");
        }

        if (r.RunnerCpu is { } runner)
        {
            lines.Add($"runner CPU: {runner.MillisecondsPerLogin:0.00} ms per login");
        }

        if (r.Machine is { } machine)
        {
            lines.Add("machine CPU: " + MarkdownReport.Machine(machine));
        }

        if (r.HighestHeldRate is { } held)
        {
            lines.Add($"stress: highest rate that held {held:0.#} logins/s");
        }

        if (r.StopReason is not null)
        {
            lines.Add("stopped: " + r.StopReason);
        }

        return string.Join(Environment.NewLine, lines);
    }
}
