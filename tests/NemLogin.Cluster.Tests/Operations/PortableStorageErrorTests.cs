using Microsoft.Extensions.Logging.Abstractions;
using NemLogin.Silo.Hosting;
using Orleans.Storage;
using Npgsql;
using Xunit;

namespace NemLogin.Cluster.Tests.Operations;

/// <summary>
/// A store's failure reaches the caller as an exception every process can read (docs/reliability.md, "Store errors at
/// the gateway"): a gateway has neither Redis' nor Npgsql's exception types, and a response it cannot read costs it a
/// timeout, or a stalled connection. ETag conflicts pass unchanged: grains rely on them.
/// </summary>
public sealed class PortableStorageErrorTests
{
    [Fact]
    public async Task Read_StoreThrowsItsOwnException_CallerGetsOrleansExceptionNamingStoreAndType()
    {
        var storage = new PortableErrorGrainStorage("one-time-ids", new FailingStorage(new NpgsqlException("Failed to connect to 10.0.0.5:5432")), NullLogger.Instance);

        var failure = await Assert.ThrowsAsync<OrleansException>(() => storage.ReadStateAsync("session", GrainId.Create("nl.one-time-id", "x"), new GrainState<string>()));

        Assert.Null(failure.InnerException);
        Assert.Contains("'one-time-ids' could not read state: NpgsqlException", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", failure.Message, StringComparison.Ordinal);
    }

    // Memory and store may disagree after a failed write (the grain set its state first; the write may even have been
    // committed): an InconsistentStateException makes Orleans deactivate the grain, so a retry reads the store again
    // instead of finding its own request's receipt in memory and storing nothing.
    [Theory]
    [InlineData("write")]
    [InlineData("clear")]
    public async Task WriteOrClear_StoreThrowsItsOwnException_CallerGetsInconsistentStateExceptionSoTheGrainIsDeactivated(string operation)
    {
        var storage = new PortableErrorGrainStorage("organisations", new FailingStorage(new NpgsqlException("Timeout during reading from 10.0.0.5:5432")), NullLogger.Instance);
        var grain = GrainId.Create("nl.organisation", "12345678");

        var failure = await Assert.ThrowsAsync<InconsistentStateException>(() => operation == "write"
            ? storage.WriteStateAsync("organisation", grain, new GrainState<string>())
            : storage.ClearStateAsync("organisation", grain, new GrainState<string>()));

        Assert.Null(failure.InnerException);
        Assert.Contains($"'organisations' could not {operation} state: NpgsqlException", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_EtagConflict_PassesUnchanged()
    {
        var conflict = new InconsistentStateException("stale", "1", "2");
        var storage = new PortableErrorGrainStorage("identities", new FailingStorage(conflict), NullLogger.Instance);

        var failure = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("identity", GrainId.Create("nl.identity", "x"), new GrainState<string>()));

        Assert.Same(conflict, failure);
    }

    private sealed class FailingStorage(Exception failure) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(failure);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(failure);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.FromException(failure);
    }
}
