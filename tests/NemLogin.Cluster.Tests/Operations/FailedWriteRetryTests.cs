using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NemLogin.Grains;
using NemLogin.Grains.Hosting;
using NemLogin.Grains.Organisations;
using NemLogin.Silo.Hosting;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace NemLogin.Cluster.Tests.Operations;

/// <summary>
/// Idempotent retries after a failed write (docs/reliability.md, "Store errors at the gateway"): a grain sets its new
/// state, the write fails, and the caller tries again with the same request id. The retry must store the change, not
/// find its own receipt in the grain's memory and answer "done" with nothing stored (the national seed lost 24
/// organisations that way). One silo in this process, the organisations' store behind the cluster's error wrapper.
/// </summary>
public sealed class FailedWriteRetryTests : IAsyncLifetime
{
    private readonly FlakyStore _store = new();
    private InProcessTestCluster? _cluster;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddNemLoginInMemoryStorage().AddNemLoginGrains();
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Organisations,
                (_, _) => new PortableErrorGrainStorage(StorageNames.Organisations, _store, NullLogger.Instance));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Save_FirstWriteFails_TheRetryWithTheSameRequestIdIsStored()
    {
        var organisation = _cluster!.Client.GetGrain<IOrganisationGrain>("12345674");
        var details = new OrganisationDetails("Retry ApS", [], [], OrganisationStatus.Active, []);
        _store.FailNextWrite = true;

        await Assert.ThrowsAnyAsync<Exception>(() => organisation.SaveAsync("save-1", details));
        Assert.Equal(0, _store.Writes);

        var saved = await organisation.SaveAsync("save-1", details);

        Assert.Equal("Retry ApS", saved.Details.Name);
        Assert.Equal(1, _store.Writes);
    }

    // A store of the grains' states in memory with ETags, whose next write can be made to fail (before storing anything).
    private sealed class FlakyStore : IGrainStorage
    {
        private readonly ConcurrentDictionary<(string, GrainId), (object State, string ETag)> _states = new();

        public bool FailNextWrite { get; set; }

        public int Writes { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (_states.TryGetValue((stateName, grainId), out var stored))
            {
                grainState.State = (T)stored.State;
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (FailNextWrite)
            {
                FailNextWrite = false;
                return Task.FromException(new NpgsqlException("Timeout during reading attempt"));
            }

            var current = _states.TryGetValue((stateName, grainId), out var stored) ? stored.ETag : null;
            if (current != grainState.ETag)
            {
                return Task.FromException(new InconsistentStateException("stale", current, grainState.ETag));
            }

            var etag = Guid.NewGuid().ToString("N");
            _states[(stateName, grainId)] = (grainState.State!, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
            Writes++;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _states.TryRemove((stateName, grainId), out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
    }
}
