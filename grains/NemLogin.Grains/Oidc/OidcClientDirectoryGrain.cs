using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

/// <summary>
/// The list of registered client ids. Its state is named apart from the SP directory's "directory": PostgreSQL keys a
/// row by state name and grain key only (no grain type, no store), and both directories have key 0.
/// </summary>
[GrainType("nl.oidc.client-directory")]
public sealed class OidcClientDirectoryGrain(
    [PersistentState("oidc-client-directory", StorageNames.Oidc)] IPersistentState<OidcClientDirectoryState> state) : Grain, IOidcClientDirectoryGrain
{
    public Task TrackAsync(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var ids = state.State.ClientIds;
        var at = ids.BinarySearch(clientId, StringComparer.Ordinal);
        return at >= 0 ? Task.CompletedTask : WriteAsync(ids.Insert(~at, clientId));
    }

    public Task ForgetAsync(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var ids = state.State.ClientIds;
        var at = ids.BinarySearch(clientId, StringComparer.Ordinal);
        return at < 0 ? Task.CompletedTask : WriteAsync(ids.RemoveAt(at));
    }

    public Task<bool> ContainsAsync(string clientId) =>
        Task.FromResult(clientId is not null && state.State.ClientIds.BinarySearch(clientId, StringComparer.Ordinal) >= 0);

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.ClientIds);

    private Task WriteAsync(ImmutableArray<string> ids)
    {
        state.State = state.State with { ClientIds = ids };
        return state.WriteStateAsync();
    }
}
