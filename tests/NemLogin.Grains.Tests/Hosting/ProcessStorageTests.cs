using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.Replay;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Tests.Audit;
using NemLogin.Grains.Tests.LoginFlows;
using NemLogin.Grains.Tests.Support;
using Orleans.Storage;

namespace NemLogin.Grains.Tests.Hosting;

/// <summary>
/// The embedded host's in-process store (<see cref="ProcessStateTable"/>) and its purge: state a grain no longer uses —
/// a taken login flow, a flow, session or one-time ID past its end plus the grace — leaves memory; live state stays, and
/// a record rewritten after it expired is not removed. Without this every login left its state behind for ever.
/// </summary>
public sealed class ProcessStorageTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AuditRetention = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ProcessStoreSilo _silo = new();

    private IServiceProvider Services => _silo.Services;

    private IGrainFactory Grains => _silo.Grains;

    private ProcessStateTable Table => Services.GetRequiredService<ProcessStateTable>();

    private ProcessStatePurge Purge => Services.GetRequiredService<ProcessStatePurge>();

    public async ValueTask InitializeAsync()
    {
        await _silo.StartAsync(
            new Dictionary<string, string?>
            {
                // The purge runs when a test asks; its timer would otherwise fire as the fake clock moves.
                ["Purge:Interval"] = "365.00:00:00",
                ["Purge:Grace"] = "00:10:00",
                ["Purge:AuditRetention"] = "01:00:00",
            },
            _time);
    }

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

    [Fact]
    public async Task ProcessStore_OneTimeIdPastWindowAndGrace_Purged()
    {
        var id = Grains.GetGrain<IOneTimeIdGrain>(OneTimeIdKey.For("request", "https://sp.example", "_" + Guid.NewGuid().ToString("N")));
        var window = TimeSpan.FromHours(1);
        Assert.True(await id.TryUseAsync(_time.GetUtcNow() + window));
        var key = Key(StorageNames.OneTimeIds, OneTimeIdGrain.StateName, id);

        // Inside the window the record stays and a replay is refused; inside the grace it still stays.
        _time.Advance(window - TimeSpan.FromSeconds(1));
        Purge.Purge();
        Assert.False(await id.TryUseAsync(_time.GetUtcNow() + window));
        _time.Advance(Grace);
        Purge.Purge();
        Assert.NotNull(Table.Find(key));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(Purge.Purge() >= 1);
        Assert.Null(Table.Find(key));
    }

    [Fact]
    public async Task ProcessStore_LoginFlowTaken_RemovedAtOnce()
    {
        var flow = Grains.GetGrain<ILoginFlowGrain>("flow-" + Guid.NewGuid().ToString("N"));
        await flow.StartAsync(LoginFlowGrainTests.Pending());
        var key = Key(StorageNames.LoginFlows, "flow", flow);
        Assert.NotNull(Table.Find(key));

        Assert.Equal(FlowTakeOutcome.Taken, (await flow.TakeAsync(LoginFlowGrainTests.Binding)).Outcome);

        Assert.Null(Table.Find(key));
    }

    [Fact]
    public async Task ProcessStore_LoginFlowAbandoned_PurgedAfterLifetimeAndGrace()
    {
        // The person never came back from MitID: nothing takes the flow, so only its expiry can remove it.
        var flow = Grains.GetGrain<ILoginFlowGrain>("flow-" + Guid.NewGuid().ToString("N"));
        await flow.StartAsync(LoginFlowGrainTests.Pending());
        var key = Key(StorageNames.LoginFlows, "flow", flow);

        _time.Advance(new LoginFlowOptions().Lifetime + Grace - TimeSpan.FromSeconds(1));
        Purge.Purge();
        Assert.NotNull(Table.Find(key));

        _time.Advance(TimeSpan.FromSeconds(2));
        Purge.Purge();
        Assert.Null(Table.Find(key));
        Assert.Null(await flow.GetAsync());
    }

    [Fact]
    public async Task ProcessStore_SessionPastAbsoluteLifetime_PurgedAndGone()
    {
        var session = Grains.GetGrain<ISessionGrain>("session-" + Guid.NewGuid().ToString("N"));
        await session.StartAsync(new SessionAuthentication(Guid.NewGuid(), LevelOfAssurance.Substantial, _time.GetUtcNow(), "https://mitid.example"), null);
        var key = Key(StorageNames.Sessions, "session", session);
        Assert.NotNull(Table.Find(key));

        _time.Advance(new NemLogin.Grains.Sessions.SessionOptions().AbsoluteLifetime + Grace + TimeSpan.FromSeconds(1));
        Purge.Purge();

        Assert.Null(Table.Find(key));
        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task ProcessStore_AuditBucketPastRetentionAndGrace_Purged()
    {
        // Audit records do not expire by themselves; in the embedded host's memory they are kept for Purge:AuditRetention
        // after the bucket's last write, then dropped like expired state, activation and all.
        var minute = _time.GetUtcNow();
        var bucket = Grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(minute, 0) + "|" + Guid.NewGuid().ToString("N"));
        await bucket.AppendAsync([AuditBucketGrainTests.Record(minute)]);
        var key = Key(StorageNames.Audit, "bucket", bucket);

        // A later write moves the bucket's end: retention counts from the last write, not the first.
        _time.Advance(TimeSpan.FromSeconds(30));
        await bucket.AppendAsync([AuditBucketGrainTests.Record(minute.AddSeconds(30))]);
        _time.Advance(AuditRetention + Grace - TimeSpan.FromSeconds(1));
        Purge.Purge();
        Assert.NotNull(Table.Find(key));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(Purge.Purge() >= 1);
        Assert.Null(Table.Find(key));
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Empty(await bucket.QueryAsync(new AuditFilter { From = minute, To = minute + AuditBucketKey.Width }));
    }

    [Fact]
    public async Task ProcessStore_SameStateInAnotherStore_KeptByPurge()
    {
        // The retention is the audit store's, not the state type's: an identity, an SP registration or a mandate without
        // an expiry of its own is never dropped by age, even when its state is an audit bucket's.
        var grainId = GrainId.Create("test", Guid.NewGuid().ToString("N"));
        var state = new GrainState<AuditBucketState>(new AuditBucketState { Records = [AuditBucketGrainTests.Record(_time.GetUtcNow())] });
        await Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Identities).WriteStateAsync("bucket", grainId, state);
        var inAudit = new GrainState<AuditBucketState>(state.State);
        await Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Audit).WriteStateAsync("bucket", grainId, inAudit);

        _time.Advance(TimeSpan.FromDays(30));
        Purge.Purge();

        Assert.NotNull(Table.Find(new StateKey(StorageNames.Identities, "bucket", grainId)));
        Assert.Null(Table.Find(new StateKey(StorageNames.Audit, "bucket", grainId)));
    }

    [Fact]
    public void ProcessStore_RecordRewrittenAfterExpiry_KeptByPurge()
    {
        // A new use of an expired ID rewrites the record: the purge removes a record only at the version it looked at.
        var table = new ProcessStateTable();
        var key = new StateKey("store", "use", GrainId.Create("test", "rewritten"));
        var first = table.TryWrite(key, null, BinaryData.FromString("old"), _time.GetUtcNow());
        Assert.NotNull(table.TryWrite(key, first, BinaryData.FromString("new"), _time.GetUtcNow() + TimeSpan.FromDays(1)));

        Assert.Equal(0, table.Purge(_time.GetUtcNow() + TimeSpan.FromMinutes(1)));
        Assert.NotNull(table.Find(key));
    }

    [Fact]
    public void ProcessStore_StaleETag_WriteAndClearRefused()
    {
        // Two activations of one grain (or a stale view) must not overwrite each other silently.
        var table = new ProcessStateTable();
        var key = new StateKey("store", "state", GrainId.Create("test", "stale"));
        var first = table.TryWrite(key, null, BinaryData.FromString("a"), DateTimeOffset.MaxValue);
        var second = table.TryWrite(key, first, BinaryData.FromString("b"), DateTimeOffset.MaxValue);

        Assert.Null(table.TryWrite(key, null, BinaryData.FromString("c"), DateTimeOffset.MaxValue));
        Assert.Null(table.TryWrite(key, first, BinaryData.FromString("c"), DateTimeOffset.MaxValue));
        Assert.False(table.TryRemove(key, first));
        Assert.True(table.TryRemove(key, second));
        Assert.Null(table.Find(key));
    }

    private static StateKey Key(string store, string stateName, IAddressable grain) => new(store, stateName, grain.GetGrainId());
}
