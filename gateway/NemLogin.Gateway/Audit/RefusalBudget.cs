namespace NemLogin.Gateway.Audit;

/// <summary>A token bucket for refusal records: <c>perSecond</c> refill, <c>burst</c> capacity, safe across threads.</summary>
internal sealed class RefusalBudget(int perSecond, int burst, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _refilledAt = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
