namespace NemLogin.LoadTests.Metrics;

/// <summary>Iterations completed since the window was last taken: feeds the time series, live progress and stress steps.</summary>
public sealed class WindowRecorder
{
    private readonly LatencyHistogram _latency = new();
    private readonly Lock _lock = new();
    private long _ok;
    private long _fail;

    public void Record(bool ok, TimeSpan latency)
    {
        lock (_lock)
        {
            if (ok)
            {
                _ok++;
                _latency.Record(latency);
            }
            else
            {
                _fail++;
            }
        }
    }

    /// <summary>The window so far, and a fresh window from now.</summary>
    public WindowSample Take()
    {
        lock (_lock)
        {
            var sample = new WindowSample(_ok, _fail, _latency.SummarizeAndReset());
            _ok = 0;
            _fail = 0;
            return sample;
        }
    }
}
