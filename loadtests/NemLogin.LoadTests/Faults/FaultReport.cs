using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NemLogin.LoadTests.Faults;

/// <summary>
/// <c>faults.json</c> (every figure, each window's command output and the ledger's lost or unverified writes) and
/// <c>faults.md</c> (the table docs/reliability.md carries). Field names are a contract for scripts: add, never rename.
/// </summary>
public static class FaultReport
{
    public const string Json = "faults.json";
    public const string Markdown = "faults.md";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static IReadOnlyList<string> WriteAll(FaultRunSummary summary, string directory)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, Json);
        File.WriteAllText(json, WriteJson(summary));
        var markdown = Path.Combine(directory, Markdown);
        File.WriteAllText(markdown, WriteMarkdown(summary));
        return [json, markdown];
    }

    public static string WriteJson(FaultRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var model = new
        {
            target = summary.Target,
            rate = summary.Rate,
            machine = summary.Machine,
            load_average_before = summary.LoadAverageBefore,
            load_average_after = summary.LoadAverageAfter,
            commit = summary.Commit,
            finished_at = summary.FinishedAt,
            steady_seconds = summary.SteadySeconds,
            passed = summary.Passed(FaultsCommand.RtoLimit),
            faults = summary.Results.Zip(summary.Windows, (r, w) => new
            {
                name = r.Name,
                injected_at = Round(r.InjectedAt),
                rto_seconds = Round(r.RtoSeconds),
                last_failure_seconds = Round(r.LastFailureSeconds),
                failed_over_seconds = Round(w.FailedOverAt - w.InjectedAt),
                seen_recovered_seconds = Round(w.SeenRecoveredAt - w.InjectedAt),
                heal_started_seconds = Round(w.HealStartedAt - w.InjectedAt),
                healed_seconds = Round(r.HealedAfterSeconds),
                window_seconds = Round(w.EndsAt - w.InjectedAt),
                logins_ok = r.LoginsOk,
                logins_failed = r.LoginsFailed,
                writes_lost = r.Lost,
                writes = r.Writes.Select(c => new { kind = c.Kind, attempted = c.Attempted, acknowledged = c.Acknowledged, lost = c.Lost, unverified = c.Unverified }),
                output = w.Output,
            }),
            writes = SideWrite.Kinds.Select(kind => new
            {
                kind,
                attempted = summary.Writes.Count(w => w.Kind == kind),
                acknowledged = summary.Writes.Count(w => w.Kind == kind && w.Acknowledged),
                lost = summary.Writes.Count(w => w.Kind == kind && w.Found == false),
                unverified = summary.Writes.Count(w => w.Kind == kind && w.Acknowledged && w.Found is null),
            }),
            lost_or_unverified = summary.Writes.Where(w => w.Acknowledged && w.Found != true)
                .Select(w => new { kind = w.Kind, id = w.Id, started_at = Round(w.StartedAt), ended_at = Round(w.EndedAt), found = w.Found }),
            // The logins per second the figures come from (at, ok, failed), so they can be computed again.
            timeline = summary.Series.Select(p => new[] { Math.Round(p.AtSeconds, 2), p.Ok, p.Fail }),
            failures = summary.Writes.Where(w => !w.Acknowledged).GroupBy(w => w.Kind + ": " + Shorten(w.Failure))
                .Select(g => new { what = g.Key, count = g.Count() }).OrderByDescending(g => g.count).Take(20),
        };
        return JsonSerializer.Serialize(model, Options);
    }

    public static string WriteMarkdown(FaultRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        md.AppendLine("# Fault run under login load").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- target {summary.Target}, saml-login at {summary.Rate:0.#}/s; finished {summary.FinishedAt:u}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {summary.Machine}; load average before {summary.LoadAverageBefore}, after {summary.LoadAverageAfter}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- commit: {summary.Commit ?? "(not given: NEMLOGIN_COMMIT)"}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- RTO: injection to the end of the last second before healing with a failed login or none completed, then {summary.SteadySeconds:0} s of logins without a failure; verdict: {(summary.Passed(FaultsCommand.RtoLimit) ? "every fault within 30 s, nothing acknowledged lost" : "NOT MET")}").AppendLine();
        md.AppendLine(Table(summary));
        return md.ToString();
    }

    /// <summary>The per-fault table: RTO, last failed login, healed after, runner's logins in the window, side writes and RPO.</summary>
    public static string Table(FaultRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        md.AppendLine("| fault | RTO | last failed login (healing included) | healed after | logins ok / failed in window | SP registrations acked | mandates acked | sessions acked | acknowledged writes lost (RPO) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in summary.Results)
        {
            string Acked(string kind) => r.Writes.First(w => w.Kind == kind) is var c ? $"{c.Acknowledged} of {c.Attempted}" + (c.Unverified > 0 ? $" ({c.Unverified} unverified)" : "") : "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {Seconds(r.RtoSeconds, "not recovered")} | {Seconds(r.LastFailureSeconds, "none")} | {r.HealedAfterSeconds:0.0} s | {r.LoginsOk} / {r.LoginsFailed} | {Acked(SideWrite.ServiceProvider)} | {Acked(SideWrite.Mandate)} | {Acked(SideWrite.Session)} | **{r.Lost}** |");
        }

        return md.ToString();
    }

    private static string Seconds(double? value, string none) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.0} s") : none;

    private static string Shorten(string? failure) => failure is null ? "" : failure[..Math.Min(80, failure.Length)];

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
