using Microsoft.Extensions.Options;
using NemLogin.Gateway.Audit;
using NemLogin.Grains.Audit;
using Xunit;

namespace NemLogin.Gateway.Tests.Audit;

public sealed class AuditUnitTests
{
    [Fact]
    public void Buffer_Full_RecordReturnsAndDropIsCounted()
    {
        // The login path never waits for the audit store: a full buffer drops (and counts) rather than blocks.
        var buffer = new AuditBuffer(Options.Create(new AuditOptions { BufferCapacity = 2, MaxBatchSize = 1 }), TimeProvider.System);

        for (var i = 0; i < 5; i++)
        {
            buffer.Record(null, new AuditEvent(AuditCategory.Login, "saml.assertion", AuditOutcome.Success));
        }

        Assert.Equal(3, buffer.TakeDroppedCount());
        Assert.Equal(0, buffer.TakeDroppedCount());
    }

    [Fact]
    public void Buffer_LongAttackerChosenValue_Capped()
    {
        var buffer = new AuditBuffer(Options.Create(new AuditOptions()), TimeProvider.System);

        buffer.Record(null, new AuditEvent(AuditCategory.Refusal, "saml.authn-request", AuditOutcome.Refused) { ServiceProvider = new string('x', 100_000) });

        Assert.True(buffer.Reader.TryRead(out var item));
        Assert.Equal(512, item.Record!.ServiceProvider!.Length);
    }

    [Fact]
    public void Cursor_RoundTrip_SameTimeAndId()
    {
        var cursor = new AuditCursor(new DateTimeOffset(2026, 3, 2, 9, 30, 15, TimeSpan.Zero).AddTicks(7), Guid.NewGuid());

        Assert.True(AuditCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc.def")]
    [InlineData("-5.00000000000000000000000000000000")]
    [InlineData("99999999999999999999.00000000000000000000000000000000")]
    public void Cursor_Garbage_NotParsed(string text) => Assert.False(AuditCursor.TryParse(text, out _));

    [Theory]
    [InlineData(0, 500, 1000)]
    [InlineData(1, 0, 1000)]
    [InlineData(1, 500, 10)]
    public void Options_OutOfRange_Refused(int flushSeconds, int batch, int capacity)
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions
        {
            FlushInterval = TimeSpan.FromSeconds(flushSeconds),
            MaxBatchSize = batch,
            BufferCapacity = capacity,
        });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Buffer_RefusalsOverBudget_CountedApartAndLoginsStillRecorded()
    {
        // A flood of refused requests cannot crowd logins out of the audit trail: refusals have their own budget.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var buffer = new AuditBuffer(Options.Create(new AuditOptions { RefusalsPerSecond = 2, RefusalBurst = 3 }), time);

        for (var i = 0; i < 10; i++)
        {
            buffer.Record(null, new AuditEvent(AuditCategory.Refusal, "saml.authn-request", AuditOutcome.Refused));
        }

        buffer.Record(null, new AuditEvent(AuditCategory.Login, "saml.assertion", AuditOutcome.Success));
        time.Advance(TimeSpan.FromSeconds(1));
        buffer.Record(null, new AuditEvent(AuditCategory.Refusal, "saml.authn-request", AuditOutcome.Refused));

        var queued = new List<AuditRecord>();
        while (buffer.Reader.TryRead(out var item))
        {
            queued.Add(item.Record!);
        }

        Assert.Equal(4, queued.Count(r => r.Category == AuditCategory.Refusal));
        Assert.Single(queued, r => r.Category == AuditCategory.Login);
        Assert.Equal(7, buffer.TakeSuppressedCount());
        Assert.Equal(0, buffer.TakeSuppressedCount());
    }
}
