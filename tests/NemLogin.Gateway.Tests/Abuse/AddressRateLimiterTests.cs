using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Gateway.Hosting;
using Xunit;

namespace NemLogin.Gateway.Tests.Abuse;

/// <summary>docs/security.md, abuse (request floods from one address): the per-address token buckets' arithmetic.</summary>
public sealed class AddressRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Acquire_OverTheBurst_RefusedWithTheWaitForTheNextToken()
    {
        using var limiter = Limiter(perSecond: 2, burst: 3);

        var granted = Enumerable.Range(0, 3).Select(_ => Acquire(limiter, "198.51.100.7").IsAcquired).ToList();
        using var refused = Acquire(limiter, "198.51.100.7");

        Assert.All(granted, Assert.True);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(0.5), wait);
    }

    [Fact]
    public void Acquire_AfterWaiting_TokensRefilledAtTheRateUpToTheBurst()
    {
        using var limiter = Limiter(perSecond: 2, burst: 3);
        for (var i = 0; i < 3; i++)
        {
            Acquire(limiter, "198.51.100.7");
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = Enumerable.Range(0, 3).Count(_ => Acquire(limiter, "198.51.100.7").IsAcquired);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var afterOneMinute = Enumerable.Range(0, 5).Count(_ => Acquire(limiter, "198.51.100.7").IsAcquired);

        Assert.Equal(2, afterOneSecond);
        Assert.Equal(3, afterOneMinute);
    }

    [Fact]
    public void Acquire_OtherAddress_HasItsOwnBucket()
    {
        using var limiter = Limiter(perSecond: 1, burst: 1);

        Assert.True(Acquire(limiter, "198.51.100.7").IsAcquired);
        Assert.False(Acquire(limiter, "198.51.100.7").IsAcquired);
        Assert.True(Acquire(limiter, "198.51.100.8").IsAcquired);
    }

    [Fact]
    public void Acquire_Ipv6AddressesOfOneSlash64_ShareOneBucket()
    {
        // Attack class: address rotation. A subscriber holds a whole /64; rotating through it must not buy new budgets.
        using var limiter = Limiter(perSecond: 1, burst: 1);

        Assert.True(Acquire(limiter, "2001:db8:1:2::1").IsAcquired);
        Assert.False(Acquire(limiter, "2001:db8:1:2:ffff:ffff:ffff:fffe").IsAcquired);
        Assert.True(Acquire(limiter, "2001:db8:1:3::1").IsAcquired);
    }

    [Fact]
    public void Acquire_Ipv4MappedIpv6_SameBucketAsTheIpv4Address()
    {
        using var limiter = Limiter(perSecond: 1, burst: 1);

        Assert.True(Acquire(limiter, "203.0.113.9").IsAcquired);
        Assert.False(Acquire(limiter, "::ffff:203.0.113.9").IsAcquired);
    }

    [Fact]
    public void Acquire_Loopback_ExemptUnlessLimitLoopback()
    {
        using var exempt = Limiter(perSecond: 1, burst: 1);
        using var limited = Limiter(perSecond: 1, burst: 1, limitLoopback: true);

        Assert.All(Enumerable.Range(0, 5).Select(_ => Acquire(exempt, "127.0.0.1").IsAcquired), Assert.True);
        Assert.True(Acquire(limited, "::1").IsAcquired);
        Assert.False(Acquire(limited, "::1").IsAcquired);
    }

    [Fact]
    public void Sweep_BucketsFilledUpAgain_DroppedOthersKept()
    {
        using var limiter = Limiter(perSecond: 1, burst: 2);
        Acquire(limiter, "198.51.100.1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Acquire(limiter, "198.51.100.2");
        Acquire(limiter, "198.51.100.2");

        limiter.Sweep();

        // The first has its 2 tokens again (dropping it changes nothing); the second has none yet and is kept.
        Assert.Equal(1, limiter.TrackedAddresses);
        Assert.False(Acquire(limiter, "198.51.100.2").IsAcquired);
    }

    private AddressRateLimiter Limiter(int perSecond, int burst, bool limitLoopback = false) =>
        new(new RateLimitOptions { PerAddressPerSecond = perSecond, PerAddressBurst = burst, LimitLoopback = limitLoopback }, _clock);

    private static RateLimitLease Acquire(AddressRateLimiter limiter, string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return limiter.AttemptAcquire(context);
    }
}
