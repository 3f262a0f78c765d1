using System.Globalization;
using Spectre.Console;

namespace NemLogin.LoadTests.Progress;

/// <summary>
/// A live table in an interactive terminal (Spectre.Console); in a pipe or CI log, one plain line every few seconds
/// written as is to <paramref name="plain"/> (not wrapped to a terminal width nobody has), so logs stay readable.
/// </summary>
public sealed class LiveProgress(IAnsiConsole console, TextWriter plain) : IProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public async Task<T> RunAsync<T>(Func<Action<ProgressSnapshot>, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!console.Profile.Capabilities.Interactive)
        {
            var last = -PlainInterval;
            var lastStage = string.Empty;
            return await body(snapshot =>
            {
                if (snapshot.Stage != lastStage || snapshot.Elapsed - last >= PlainInterval)
                {
                    lastStage = snapshot.Stage;
                    last = snapshot.Elapsed;
                    plain.WriteLine(PlainLine(snapshot));
                }
            });
        }

        var table = new Table().Border(TableBorder.Rounded);
        var result = default(T)!;
        await console.Live(table).AutoClear(false).StartAsync(async live =>
        {
            result = await body(snapshot =>
            {
                Fill(table, snapshot);
                live.Refresh();
            });
        });
        return result;
    }

    private static void Fill(Table table, ProgressSnapshot snapshot)
    {
        table.Rows.Clear();
        if (table.Columns.Count == 0)
        {
            foreach (var header in new[] { "scenario", "target", "ok", "fail", "in flight", "rps (1 s)", "p50 ms", "p99 ms" })
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }
        }

        table.Title = new TableTitle(Markup.Escape(
            $"{snapshot.Stage} {snapshot.Elapsed:hh\\:mm\\:ss} / {snapshot.Total:hh\\:mm\\:ss}{(snapshot.Note is null ? string.Empty : "  " + snapshot.Note)}"));
        foreach (var s in snapshot.Scenarios)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                Target(s),
                N(s.Ok),
                s.Fail == 0 ? "0" : $"[red]{N(s.Fail)}[/]",
                N(s.InFlight),
                s.LastRps.ToString("0.0", CultureInfo.InvariantCulture),
                s.LastP50Ms.ToString("0.0", CultureInfo.InvariantCulture),
                s.LastP99Ms.ToString("0.0", CultureInfo.InvariantCulture));
        }
    }

    private static string PlainLine(ProgressSnapshot snapshot) =>
        $"[{snapshot.Stage} {snapshot.Elapsed:hh\\:mm\\:ss}/{snapshot.Total:hh\\:mm\\:ss}] " +
        string.Join("; ", snapshot.Scenarios.Select(s =>
            $"{s.Name}: target {Target(s)}, ok {N(s.Ok)}, fail {N(s.Fail)}, in flight {N(s.InFlight)}, " +
            $"{s.LastRps.ToString("0.0", CultureInfo.InvariantCulture)} rps, p99 {s.LastP99Ms.ToString("0.0", CultureInfo.InvariantCulture)} ms")) +
        (snapshot.Note is null ? string.Empty : " " + snapshot.Note);

    private static string Target(ScenarioProgress s) =>
        s.TargetCopies > 0 ? $"{s.TargetCopies} copies" : s.TargetRate.ToString("0.0", CultureInfo.InvariantCulture) + "/s";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
