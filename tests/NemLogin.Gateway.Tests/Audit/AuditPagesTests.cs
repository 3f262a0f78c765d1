using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Grains.Audit;
using Xunit;

namespace NemLogin.Gateway.Tests.Audit;

/// <summary>
/// A minute with more audit records than one bucket page holds, on a broker of its own (its thousands of records would
/// fill the first result pages of the shared admin broker's audit queries).
/// </summary>
public sealed class AuditPagesTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    // More records in a minute than a bucket page holds: the writer fills the pages in order and the reader reads on
    // while a page is full, so a busy minute loses nothing (a minute used to be one bucket, capped, rewritten whole).
    [Fact]
    public async Task Audit_MoreRecordsInAMinuteThanAPageHolds_AllStoredAndFound()
    {
        var actor = "audit-pages-" + Guid.NewGuid().ToString("N");
        var count = (AuditBucketKey.PageRecords * 2) + 17;
        var since = DateTimeOffset.UtcNow;
        var trail = fixture.Broker.Services.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < count; i++)
        {
            trail.Record(null, new AuditEvent(AuditCategory.Administration, "audit-pages", AuditOutcome.Success) { Actor = actor, Code = i.ToString(CultureInfo.InvariantCulture) });
        }

        await fixture.FlushAuditAsync();
        var reader = fixture.Broker.Services.GetRequiredService<AuditReader>();
        var filter = new AuditFilter { From = since.AddMinutes(-1), To = DateTimeOffset.UtcNow.AddMinutes(1), Category = AuditCategory.Administration };
        var found = new List<AuditRecord>();
        AuditCursor? cursor = null;
        do
        {
            var page = await reader.QueryAsync(filter, 1000, cursor, TestContext.Current.CancellationToken);
            found.AddRange(page.Records.Where(r => r.Actor == actor));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(count, found.Count);
        Assert.Equal(count, found.Select(r => r.Code).Distinct().Count());
    }
}
