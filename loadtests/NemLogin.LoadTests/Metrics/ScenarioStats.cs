using System.Collections.Concurrent;

namespace NemLogin.LoadTests.Metrics;

/// <summary>
/// The running record of one scenario: whole iterations (a failed step fails its iteration), each named step in the
/// order first seen, and any number of windows that observers take and reset on their own rhythm.
/// </summary>
public sealed class ScenarioStats(string name)
{
    private readonly ConcurrentDictionary<string, StepStats> _steps = new(StringComparer.Ordinal);
    private readonly List<string> _stepOrder = [];
    private readonly List<WindowRecorder> _windows = [];
    private readonly Lock _lock = new();
    private long _inFlight;

    public string Name { get; } = name;

    public StepStats Iterations { get; } = new(name);

    public long InFlight => Interlocked.Read(ref _inFlight);

    public StepStats Step(string stepName) => _steps.GetOrAdd(stepName, n =>
    {
        lock (_lock)
        {
            // The factory can run twice for one name under a race; the order lists the name once.
            if (!_stepOrder.Contains(n))
            {
                _stepOrder.Add(n);
            }
        }

        return new StepStats(n);
    });

    /// <summary>A new window that sees every iteration completed from now on.</summary>
    public WindowRecorder AddWindow()
    {
        var window = new WindowRecorder();
        lock (_lock)
        {
            _windows.Add(window);
        }

        return window;
    }

    public void IterationStarted() => Interlocked.Increment(ref _inFlight);

    /// <summary>An iteration cut off by the end of the run: counted nowhere.</summary>
    public void IterationAbandoned() => Interlocked.Decrement(ref _inFlight);

    public void IterationCompleted(StepOutcome outcome, TimeSpan latency)
    {
        Interlocked.Decrement(ref _inFlight);
        Iterations.Record(outcome, latency);
        WindowRecorder[] windows;
        lock (_lock)
        {
            windows = [.. _windows];
        }

        foreach (var window in windows)
        {
            window.Record(outcome.IsOk, latency);
        }
    }

    public IReadOnlyList<StepSummary> SummarizeSteps()
    {
        string[] order;
        lock (_lock)
        {
            order = [.. _stepOrder];
        }

        return [.. order.Select(n => _steps[n].Summarize())];
    }
}
