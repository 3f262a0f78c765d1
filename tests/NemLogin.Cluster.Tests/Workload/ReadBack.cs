using System.Collections.Concurrent;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Replay;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains.Sessions;

namespace NemLogin.Cluster.Tests.Workload;

/// <summary>
/// Reads every acknowledged write back through each data centre and lists every broken promise: a lost write, a
/// deleted or disabled SP that came back, an ended session that came back, a one-time ID usable again.
/// </summary>
internal sealed class ReadBack(ClusterUnderTest cluster, Ledger ledger)
{
    private const int Parallelism = 8;
    private readonly ConcurrentQueue<string> _problems = new();

    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken cancellationToken)
    {
        foreach (var dc in new[] { "DC1", "DC2" })
        {
            var grains = cluster.Client(dc).Grains;
            await ForEachAsync(ledger.ServiceProviders, item => ServiceProviderAsync(grains, dc, item.Key, item.Value), cancellationToken);
            await ForEachAsync(ledger.OneTimeIds.Keys, key => OneTimeIdAsync(grains, dc, key), cancellationToken);
            await ForEachAsync(ledger.Sessions, item => SessionAsync(grains, dc, item.Key, item.Value), cancellationToken);
            await ForEachAsync(ledger.Identities, item => IdentityAsync(grains, dc, item.Key, item.Value), cancellationToken);
            await ForEachAsync(ledger.AuditRecords, item => AuditAsync(grains, dc, item.Key, item.Value), cancellationToken);
            await ForEachAsync(ledger.Logins, sessionId => LoginAsync(dc, sessionId, cancellationToken), cancellationToken);
        }

        foreach (var (key, count) in ledger.OneTimeIdSuccesses.Where(kv => kv.Value > 1))
        {
            _problems.Enqueue($"one-time ID {key} was answered 'first use' {count} times");
        }

        return [.. _problems];
    }

    private async Task ServiceProviderAsync(IGrainFactory grains, string dc, string entityId, ServiceProviderFate fate)
    {
        var registration = await grains.GetGrain<IServiceProviderGrain>(entityId).GetAsync();
        if (fate.Deleted == Fate.Acknowledged)
        {
            Expect(registration is null, dc, $"deleted SP {entityId} came back");
        }
        else if (fate.Deleted == Fate.NotTried)
        {
            Expect(registration is not null && registration.Version >= fate.Version, dc, $"acknowledged SP {entityId} v{fate.Version} is missing or older");
            Expect(fate.Disabled != Fate.Acknowledged || registration is { Enabled: false }, dc, $"disabled SP {entityId} is enabled again");
        }
    }

    private async Task OneTimeIdAsync(IGrainFactory grains, string dc, string key)
    {
        var usable = await grains.GetGrain<IOneTimeIdGrain>(key).TryUseAsync(DateTimeOffset.UtcNow.AddHours(1));
        Expect(!usable, dc, $"one-time ID {key} could be used again");
    }

    private async Task SessionAsync(IGrainFactory grains, string dc, string sessionId, SessionFate fate)
    {
        var session = await grains.GetGrain<ISessionGrain>(sessionId).GetAsync();
        if (fate.Ended == Fate.Acknowledged)
        {
            Expect(session is null, dc, $"ended session {sessionId} came back");
        }
        else if (fate.Ended == Fate.NotTried)
        {
            Expect(session?.IdentityId == fate.IdentityId, dc, $"acknowledged session {sessionId} is missing");
        }
    }

    private async Task IdentityAsync(IGrainFactory grains, string dc, Guid id, string familyName)
    {
        var profile = await grains.GetGrain<IIdentityGrain>(id).GetAsync();
        Expect(profile?.Attributes.FamilyName == familyName, dc, $"acknowledged identity {id} is missing");
    }

    private async Task AuditAsync(IGrainFactory grains, string dc, Guid id, (DateTimeOffset Time, int Shard, string CorrelationId) record)
    {
        var found = await grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(record.Time, record.Shard)).QueryAsync(new AuditFilter
        {
            From = record.Time.AddSeconds(-1),
            To = record.Time.AddSeconds(1),
            CorrelationId = record.CorrelationId,
        });
        Expect(found.Any(r => r.Id == id), dc, $"acknowledged audit record {id} is missing");
    }

    private async Task LoginAsync(string dc, string sessionId, CancellationToken cancellationToken)
    {
        using var browser = new LoginBrowser();
        browser.UseSession(sessionId);
        var (url, _) = await cluster.Sp.LoginUrlAsync(cluster.Gateway(dc).BaseUrl, cancellationToken);
        var result = await browser.LoginAsync(url, "alice", cancellationToken);
        Expect(result.Success && !result.AskedForLogin, "gateway-" + dc, $"the session of an acknowledged login ({sessionId[..8]}…) gave no single sign-on: {result.Detail}");
    }

    private void Expect(bool condition, string dc, string problem)
    {
        if (!condition)
        {
            _problems.Enqueue($"[{dc}] {problem}");
        }
    }

    private async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> check, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(items.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) =>
        {
            try
            {
                await check(item);
            }
            catch (Exception ex)
            {
                _problems.Enqueue($"reading back {item} failed: {ex.GetType().Name}: {ex.Message}");
            }
        });
}
