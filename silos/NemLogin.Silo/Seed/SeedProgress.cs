using System.Globalization;
using Spectre.Console;

namespace NemLogin.Silo.Seed;

/// <summary>
/// Shows the seed's progress on stderr while <c>run</c> works: a progress bar per phase on a terminal, and a line per
/// phase every ten seconds otherwise (a log file, a CI job). Stdout is left to the final JSON line.
/// </summary>
internal static class SeedProgress
{
    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(10);

    public static Task<T> ShowAsync<T>(SeedCounters counters, bool enabled, Func<Task<T>> run) =>
        !enabled ? run()
        : Console.IsErrorRedirected ? LinesAsync(counters, run)
        : BarsAsync(counters, run);

    private static async Task<T> BarsAsync<T>(SeedCounters counters, Func<Task<T>> run)
    {
        // Interactive by stderr, which was checked: stdout is usually redirected to keep the result line.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = counters.Totals.ToDictionary(p => p.Key, p => context.AddTask(p.Key.Title, maxValue: Math.Max(1, p.Value)));
                var work = run();
                while (!work.IsCompleted)
                {
                    Update(counters, tasks);
                    await Task.WhenAny(work, Task.Delay(250));
                }

                Update(counters, tasks);
                return await work;
            });
    }

    private static void Update(SeedCounters counters, Dictionary<SeedPhase, ProgressTask> tasks)
    {
        foreach (var (phase, task) in tasks)
        {
            task.Value = counters.Done(phase);
        }
    }

    private static async Task<T> LinesAsync<T>(SeedCounters counters, Func<Task<T>> run)
    {
        var work = run();
        var last = counters.Totals.Keys.ToDictionary(p => p, counters.Done);
        while (await Task.WhenAny(work, Task.Delay(LineEvery)) != work)
        {
            foreach (var (phase, total) in counters.Totals)
            {
                var done = counters.Done(phase);
                if (done != last[phase])
                {
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"seed: {phase.Name} {done:N0}/{total:N0} ({100.0 * done / total:0.0} %, {(done - last[phase]) / LineEvery.TotalSeconds:N0}/s)"));
                    last[phase] = done;
                }
            }
        }

        return await work;
    }
}
