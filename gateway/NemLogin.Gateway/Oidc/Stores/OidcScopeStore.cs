using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenIddict.Abstractions;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>The broker's fixed scopes (<see cref="OidcScopes.All"/>) as OpenIddict's scope store; read-only.</summary>
internal sealed class OidcScopeStore : IOpenIddictScopeStore<OidcScope>
{
    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(OidcScopes.All.Count);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcScope>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw Unsupported.Query("counting by query");

    public ValueTask CreateAsync(OidcScope scope, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask DeleteAsync(OidcScope scope, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask<OidcScope?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => FindByNameAsync(identifier, cancellationToken);

    public ValueTask<OidcScope?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        new(OidcScopes.All.Contains(name) ? new OidcScope { Name = name } : null);

    public async IAsyncEnumerable<OidcScope> FindByNamesAsync(ImmutableArray<string> names, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in names.Where(OidcScopes.All.Contains))
        {
            yield return new OidcScope { Name = name };
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<OidcScope> FindByResourceAsync(string resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcScope>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unsupported.Query("queries");

    public ValueTask<string?> GetDescriptionAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Description);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDescriptionsAsync(OidcScope scope, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetDisplayNameAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OidcScope scope, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetIdAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<string?> GetNameAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcScope scope, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<string, JsonElement>.Empty);

    public ValueTask<ImmutableArray<string>> GetResourcesAsync(OidcScope scope, CancellationToken cancellationToken) => new(scope.Resources);

    public ValueTask<OidcScope> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcScope());

    public async IAsyncEnumerable<OidcScope> ListAsync(int? count, int? offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in OidcScopes.All.Order(StringComparer.Ordinal).Skip(offset ?? 0).Take(count ?? int.MaxValue))
        {
            yield return new OidcScope { Name = name };
        }

        await Task.CompletedTask;
    }

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcScope>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        Unsupported.None<TResult>("queries");

    public ValueTask SetDescriptionAsync(OidcScope scope, string? description, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDescriptionsAsync(OidcScope scope, ImmutableDictionary<CultureInfo, string> descriptions, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDisplayNameAsync(OidcScope scope, string? name, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDisplayNamesAsync(OidcScope scope, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetNameAsync(OidcScope scope, string? name, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetPropertiesAsync(OidcScope scope, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetResourcesAsync(OidcScope scope, ImmutableArray<string> resources, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask UpdateAsync(OidcScope scope, CancellationToken cancellationToken) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("The broker's scopes are fixed; they are not registered at run time.");
}
