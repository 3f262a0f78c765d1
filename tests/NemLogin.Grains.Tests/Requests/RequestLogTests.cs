using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Tests.Requests;

/// <summary>What an entity remembers of the request ids it has seen, and for how long.</summary>
public sealed class RequestLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // Rule: the fingerprint covers operation and content, so the same id for another operation is not a repeat.
    [Fact]
    public void Fingerprint_OperationOrContentDiffers_Differs()
    {
        var a = RequestLog.Fingerprint("op.a", new { Value = 1 });

        Assert.Equal(a, RequestLog.Fingerprint("op.a", new { Value = 1 }));
        Assert.NotEqual(a, RequestLog.Fingerprint("op.b", new { Value = 1 }));
        Assert.NotEqual(a, RequestLog.Fingerprint("op.a", new { Value = 2 }));
    }

    [Fact]
    public void Replay_KnownIdSameFingerprint_ReceiptElseNullOrRefused()
    {
        var log = RequestLog.Append([], new ChangeReceipt("r1", "f1", 3, Start));

        Assert.Equal(3, RequestLog.Replay(log, "r1", "f1")!.Version);
        Assert.Null(RequestLog.Replay(log, "r2", "f1"));
        Assert.Equal("request.id-reused", Assert.Throws<GrainRuleException>(() => RequestLog.Replay(log, "r1", "f2")).Code);
    }

    // Rule: ids are remembered for the retention period and at most MaxEntries per entity; older ones are forgotten.
    [Fact]
    public void Append_PastRetentionOrCount_OldestForgotten()
    {
        var log = RequestLog.Append([], new ChangeReceipt("old", "f", 1, Start));
        log = RequestLog.Append(log, new ChangeReceipt("new", "f", 2, Start + RequestLog.Retention + TimeSpan.FromSeconds(1)));

        Assert.Null(RequestLog.Replay(log, "old", "f"));
        Assert.NotNull(RequestLog.Replay(log, "new", "f"));

        for (var i = 0; i < RequestLog.MaxEntries + 5; i++)
        {
            log = RequestLog.Append(log, new ChangeReceipt($"n{i}", "f", i, Start + RequestLog.Retention + TimeSpan.FromMinutes(i)));
        }

        Assert.Equal(RequestLog.MaxEntries, log.Length);
        Assert.Null(RequestLog.Replay(log, "n0", "f"));
        Assert.NotNull(RequestLog.Replay(log, $"n{RequestLog.MaxEntries + 4}", "f"));
    }
}
