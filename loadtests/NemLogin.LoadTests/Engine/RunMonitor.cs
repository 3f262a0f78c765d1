using System.Globalization;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// Watches a measured run from the engine's loop: closes time-series buckets, judges stress steps at their ends, and
/// names the reason to stop (fail-count threshold, a stress step that did not hold) the first time one holds.
/// </summary>
public sealed class RunMonitor
{
    private readonly IReadOnlyList<ScenarioRun> _runs;
    private readonly IReadOnlyList<ScenarioStats> _stats;
    private readonly RunSettings _settings;
    private readonly TimeSpan _bucketWidth;
    private readonly List<WindowRecorder> _seriesWindows;
    private readonly List<WindowRecorder> _stressWindows;
    private readonly List<List<TimeSeriesPoint>> _series;
    private readonly List<SimulationPhase> _stressPhases;
    private readonly List<StressStep> _stressSteps = [];
    private readonly List<MemorySample> _brokerMemory = [];
    private TimeSpan _nextBucket;
    private int _nextStressPhase;

    public RunMonitor(IReadOnlyList<ScenarioRun> runs, IReadOnlyList<ScenarioStats> stats, RunSettings settings, TimeSpan bucketWidth)
    {
        _runs = runs;
        _stats = stats;
        _settings = settings;
        _bucketWidth = bucketWidth;
        _nextBucket = bucketWidth;
        _seriesWindows = [.. stats.Select(s => s.AddWindow())];
        _stressWindows = settings.Stress is null ? [] : [.. stats.Select(s => s.AddWindow())];
        _series = [.. stats.Select(_ => new List<TimeSeriesPoint>())];
        _stressPhases = settings.Stress is null ? [] : [.. runs[0].Plan.Phases.Where(p => p.Kind == PhaseKind.Open)];
    }

    public string? StopReason { get; private set; }

    public IReadOnlyList<StressStep> StressSteps => _stressSteps;

    /// <summary>The broker's resident set at the end of every time-series bucket; empty when its process is not known.</summary>
    public IReadOnlyList<MemorySample> BrokerMemory => _brokerMemory;

    /// <summary>How late the open-model injectors woke up.</summary>
    public LatencyHistogram SchedulerDelay { get; } = new();

    public IReadOnlyList<TimeSeriesPoint> TimeSeries(int scenario) => _series[scenario];

    public TimeSeriesPoint? LastPoint(int scenario) => _series[scenario].Count == 0 ? null : _series[scenario][^1];

    /// <summary>Brings the monitor up to <paramref name="now"/>; returns a stop reason the first time one arises.</summary>
    public string? Observe(TimeSpan now)
    {
        while (now >= _nextBucket)
        {
            CloseBucket(_nextBucket - _bucketWidth, _bucketWidth);
            _nextBucket += _bucketWidth;
        }

        if (StopReason is not null)
        {
            return null;
        }

        var failed = _stats.Sum(s => s.Iterations.Fail);
        if (_settings.MaxFailCount > 0 && failed >= _settings.MaxFailCount)
        {
            return StopReason = $"fail-count threshold reached: {failed} failed iterations (limit {_settings.MaxFailCount})";
        }

        while (_settings.Stress is { } criteria && _nextStressPhase < _stressPhases.Count && now >= _stressPhases[_nextStressPhase].End)
        {
            var step = JudgeStressStep(_stressPhases[_nextStressPhase++], criteria);
            _stressSteps.Add(step);
            if (!step.Held)
            {
                return StopReason = $"stress step at {step.TargetRate.ToString("0.#", CultureInfo.InvariantCulture)}/s did not hold: {step.Why}";
            }
        }

        return null;
    }

    /// <summary>Closes the last, partial bucket at the end of the run.</summary>
    public void Flush(TimeSpan now)
    {
        Observe(now);
        var start = _nextBucket - _bucketWidth;
        if (now - start > TimeSpan.FromMilliseconds(100))
        {
            CloseBucket(start, now - start);
            _nextBucket = now + _bucketWidth;
        }
    }

    private void CloseBucket(TimeSpan start, TimeSpan width)
    {
        if (_settings.BrokerProcessId is { } pid && Broker.ProcessMemory.ReadResidentBytes(pid) is { } resident)
        {
            _brokerMemory.Add(new MemorySample((start + width).TotalSeconds, resident));
        }

        var middle = start + (width / 2);
        for (var i = 0; i < _runs.Count; i++)
        {
            var sample = _seriesWindows[i].Take();
            var plan = _runs[i].Plan;
            var target = plan.PhaseAt(middle)?.Kind == PhaseKind.Closed ? plan.CopiesAt(middle) : plan.RateAt(middle);
            _series[i].Add(new TimeSeriesPoint(
                start.TotalSeconds, width.TotalSeconds, target, sample.Ok, sample.Fail,
                sample.Latency.P50Ms, sample.Latency.P95Ms, sample.Latency.P99Ms, sample.Latency.MaxMs));
        }
    }

    private StressStep JudgeStressStep(SimulationPhase phase, StressCriteria criteria)
    {
        var samples = _stressWindows.Select(w => w.Take()).ToList();
        var middle = phase.Start + (phase.Duration / 2);
        var target = _runs.Sum(r => r.Plan.RateAt(middle));
        var total = samples.Sum(s => s.Total);
        var failPercent = total == 0 ? 0 : samples.Sum(s => s.Fail) * 100.0 / total;
        var achieved = total / phase.Duration.TotalSeconds;
        var p99 = samples.Max(s => s.Latency.P99Ms);
        string? why = null;
        if (p99 > criteria.MaxP99Ms)
        {
            why = $"p99 {p99:0.#} ms > {criteria.MaxP99Ms:0.#} ms";
        }
        else if (failPercent > criteria.MaxFailPercent)
        {
            why = $"errors {failPercent:0.##} % > {criteria.MaxFailPercent:0.##} %";
        }
        else if (achieved < target * criteria.MinThroughputRatio)
        {
            why = $"completed {achieved:0.#}/s of {target:0.#}/s asked";
        }

        return new StressStep(
            target, achieved, samples.Max(s => s.Latency.P50Ms), samples.Max(s => s.Latency.P95Ms), p99, failPercent, why is null, why);
    }
}
