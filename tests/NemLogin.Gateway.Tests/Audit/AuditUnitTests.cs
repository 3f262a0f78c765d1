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
}
