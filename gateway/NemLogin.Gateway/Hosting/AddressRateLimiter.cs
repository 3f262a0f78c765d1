using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace NemLogin.Gateway.Hosting;

/// <summary>
/// docs/security.md, abuse: one token bucket per client address (an IPv6 client per /64 network, the block one subscriber
/// holds, so that rotating through it buys nothing), filled continuously at <see cref="RateLimitOptions.PerAddressPerSecond"/>
/// up to <see cref="RateLimitOptions.PerAddressBurst"/>. No queueing: a request over the budget is refused at once, with the
/// wait until a token is due. Lock-free between addresses (each bucket locks only itself), no timer per bucket; a sweep
/// drops buckets that have filled up again, which is the same as never having seen the address.
/// </summary>
internal sealed class AddressRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<AddressKey, Bucket> _buckets = new();
    private readonly RateLimitOptions _limits;
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;

    public AddressRateLimiter(RateLimitOptions limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
        _sweep = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    /// <summary>Addresses with a bucket that is not full (what the sweep keeps).</summary>
    public int TrackedAddresses => _buckets.Count;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    /// <summary>Drops every bucket that has filled up again since its address's last request.</summary>
    public void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull(now, _limits, _time))
            {
                _buckets.TryRemove(new KeyValuePair<AddressKey, Bucket>(key, bucket));
            }
        }
    }

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var address = resource.Connection.RemoteIpAddress;
        if (!_limits.Enabled || permitCount == 0 || address is null || (IPAddress.IsLoopback(address) && !_limits.LimitLoopback))
        {
            return Lease.Granted;
        }

        var now = _time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(AddressKey.Of(address), static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _limits.PerAddressBurst, Now: now));
        return bucket.TryTake(permitCount, now, _limits, _time, out var wait) ? Lease.Granted : new Lease(false, wait);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sweep.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _sweep.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    /// <summary>An IPv4 address, or the /64 network of an IPv6 one (an IPv4-mapped IPv6 address counts as the IPv4 address).</summary>
    internal readonly record struct AddressKey(bool V6, ulong Bits)
    {
        public static AddressKey Of(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out var written);
            return address.AddressFamily == AddressFamily.InterNetworkV6
                ? new AddressKey(true, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes))
                : new AddressKey(false, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[..Math.Min(written, 4)]));
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        private double _tokens = tokens;
        private long _updatedAt = updatedAt;

        public bool TryTake(int permits, long now, RateLimitOptions limits, TimeProvider time, out TimeSpan wait)
        {
            lock (this)
            {
                Refill(now, limits, time);
                if (_tokens >= permits)
                {
                    _tokens -= permits;
                    wait = TimeSpan.Zero;
                    return true;
                }

                wait = TimeSpan.FromSeconds((permits - _tokens) / limits.PerAddressPerSecond);
                return false;
            }
        }

        public bool IsFull(long now, RateLimitOptions limits, TimeProvider time)
        {
            lock (this)
            {
                Refill(now, limits, time);
                return _tokens >= limits.PerAddressBurst;
            }
        }

        private void Refill(long now, RateLimitOptions limits, TimeProvider time)
        {
            if (now > _updatedAt)
            {
                _tokens = Math.Min(limits.PerAddressBurst, _tokens + (time.GetElapsedTime(_updatedAt, now).TotalSeconds * limits.PerAddressPerSecond));
                _updatedAt = now;
            }
        }
    }

    private sealed class Lease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (!acquired && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
