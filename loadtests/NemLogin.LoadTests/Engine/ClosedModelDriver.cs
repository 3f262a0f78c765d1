using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// Keeps the plan's number of copies looping in its closed-model phases: copy <c>i</c> runs iterations back to back
/// while <c>i</c> is below the current target, so a ramp down lets surplus copies finish their iteration and stop.
/// </summary>
public static class ClosedModelDriver
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(
        SimulationPlan plan,
        IterationRunner runner,
        Func<TimeSpan> clock,
        CancellationToken stopInjecting,
        CancellationToken abortIterations)
    {
        var target = 0;
        var alive = new List<Task?>();
        while (!stopInjecting.IsCancellationRequested && clock() < plan.Duration)
        {
            Volatile.Write(ref target, plan.CopiesAt(clock()));
            var wanted = Volatile.Read(ref target);
            for (var i = 0; i < wanted; i++)
            {
                if (i == alive.Count)
                {
                    alive.Add(null);
                }

                if (alive[i] is null || alive[i]!.IsCompleted)
                {
                    var index = i;
                    alive[i] = Task.Run(() => CopyAsync(index), CancellationToken.None);
                }
            }

            try
            {
                await Task.Delay(Tick, stopInjecting);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Volatile.Write(ref target, 0);

        async Task CopyAsync(int index)
        {
            while (index < Volatile.Read(ref target) && !stopInjecting.IsCancellationRequested)
            {
                await runner.RunAsync(abortIterations);
            }
        }
    }
}
