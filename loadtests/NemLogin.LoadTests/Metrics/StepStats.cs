namespace NemLogin.LoadTests.Metrics;

/// <summary>The running record of one step: OK/failed counts, statuses, bytes and latencies (OK and failed kept apart).</summary>
public sealed class StepStats(string name)
{
    private const int MaxSampleReasons = 20;
    private readonly LatencyHistogram _ok = new();
    private readonly LatencyHistogram _fail = new();
    private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _okCount;
    private long _failCount;
    private long _bytes;

    public string Name { get; } = name;

    public long Ok => Interlocked.Read(ref _okCount);

    public long Fail => Interlocked.Read(ref _failCount);

    public void Record(StepOutcome outcome, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        (outcome.IsOk ? _ok : _fail).Record(latency);
        Interlocked.Increment(ref outcome.IsOk ? ref _okCount : ref _failCount);
        Interlocked.Add(ref _bytes, outcome.Bytes);
        lock (_lock)
        {
            _statuses[outcome.Status] = _statuses.GetValueOrDefault(outcome.Status) + 1;
            // One sample reason per failing status is enough to diagnose a run; the counts carry the volume.
            if (!outcome.IsOk && outcome.Reason is not null && _reasons.Count < MaxSampleReasons)
            {
                _reasons.TryAdd(outcome.Status, outcome.Reason);
            }
        }
    }

    public StepSummary Summarize()
    {
        lock (_lock)
        {
            return new StepSummary(
                Name,
                Ok,
                Fail,
                new Dictionary<string, long>(_statuses, StringComparer.Ordinal),
                Interlocked.Read(ref _bytes),
                _ok.Summarize(),
                _fail.Summarize(),
                new Dictionary<string, string>(_reasons, StringComparer.Ordinal));
        }
    }
}
