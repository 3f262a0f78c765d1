using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Scenarios;

namespace NemLogin.LoadTests.Tests.Support;

/// <summary>A scenario without HTTP: runs the steps it is given, so engine rules can be checked without a broker.</summary>
public sealed class FakeScenario(string name, params Func<ScenarioContext, Task>[] body) : ILoadScenario
{
    private int _started;
    private int _running;
    private int _maxRunning;

    public string Name { get; } = name;

    public string Description => "fake";

    public int LoginsPerIteration => 1;

    public int Started => Volatile.Read(ref _started);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public static Func<ScenarioContext, Task> Step(string step, StepOutcome outcome) =>
        context => context.StepAsync(step, _ => Task.FromResult(outcome));

    public static Func<ScenarioContext, Task> Throwing(string step, Exception exception) =>
        context => context.StepAsync(step, _ => Task.FromException<StepOutcome>(exception));

    public async Task RunAsync(ScenarioContext context)
    {
        Interlocked.Increment(ref _started);
        var running = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < running && Interlocked.CompareExchange(ref _maxRunning, running, seen) != seen)
        {
        }

        try
        {
            await Task.Yield();
            foreach (var part in body)
            {
                await part(context);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
