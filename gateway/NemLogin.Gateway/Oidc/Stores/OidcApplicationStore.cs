using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Grains.Oidc;
using NemLogin.Grains;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// OpenIddict's application store over <see cref="IOidcClientGrain"/>: the application id is the client id. Permissions
/// and requirements are not stored; they follow from the registration (grant types and scopes; PKCE always).
/// </summary>
internal sealed class OidcApplicationStore(IGrainFactory grains, OidcClientCatalog catalog) : IOpenIddictApplicationStore<OidcApplication>
{
    // Registrations read in this scope (one request), by client id; null for an unknown client. Writes forget them.
    private readonly Dictionary<string, OidcClient?> _read = new(StringComparer.Ordinal);

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken) =>
        (await grains.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ListAsync()).Length;

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcApplication>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw Unsupported.Query("counting by query");

    public ValueTask CreateAsync(OidcApplication application, CancellationToken cancellationToken) => RegisterAsync(application);

    public async ValueTask DeleteAsync(OidcApplication application, CancellationToken cancellationToken)
    {
        _read.Remove(application.ClientId);
        try
        {
            await grains.Reference<IOidcClientGrain>(application.ClientId).DeleteAsync();
        }
        finally
        {
            // Whatever the outcome: a call that failed may still have written.
            catalog.Forget(application.ClientId);
        }
    }

    public ValueTask<OidcApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindByClientIdAsync(identifier, cancellationToken);

    public async ValueTask<OidcApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken)
    {
        // OpenIddict looks the client up in several handlers of one request; the first answer serves the request (a fresh
        // copy each time, so a handler's change stays its own), and the registration comes from the gateway's catalog.
        if (!_read.TryGetValue(identifier, out var client))
        {
            client = await catalog.FindAsync(identifier);
            _read[identifier] = client;
        }

        return client is null ? null : FromRecord(client);
    }

    public async IAsyncEnumerable<OidcApplication> FindByPostLogoutRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var application in ListAsync(null, null, cancellationToken))
        {
            if (application.PostLogoutRedirectUris.Contains(uri, StringComparer.Ordinal))
            {
                yield return application;
            }
        }
    }

    public async IAsyncEnumerable<OidcApplication> FindByRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var application in ListAsync(null, null, cancellationToken))
        {
            if (application.RedirectUris.Contains(uri, StringComparer.Ordinal))
            {
                yield return application;
            }
        }
    }

    public ValueTask<string?> GetApplicationTypeAsync(OidcApplication application, CancellationToken cancellationToken) => new(ApplicationTypes.Web);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcApplication>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unsupported.Query("queries");

    public ValueTask<string?> GetClientIdAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientId);

    public ValueTask<string?> GetClientSecretAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientSecretHash);

    public ValueTask<string?> GetClientTypeAsync(OidcApplication application, CancellationToken cancellationToken) => new(ClientTypes.Confidential);

    public ValueTask<string?> GetConsentTypeAsync(OidcApplication application, CancellationToken cancellationToken) => new(ConsentTypes.Implicit);

    public ValueTask<string?> GetDisplayNameAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientName ?? application.ClientId);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetIdAsync(OidcApplication application, CancellationToken cancellationToken) => new(application.ClientId);

    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(application.JsonWebKeySet is { } json ? new JsonWebKeySet(json) : null);

    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(OidcApplication application, CancellationToken cancellationToken)
    {
        var permissions = ImmutableArray.CreateBuilder<string>();
        permissions.AddRange(Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation, Permissions.ResponseTypes.Code, Permissions.GrantTypes.AuthorizationCode);
        if (application.GrantTypes.Contains(GrantTypes.RefreshToken))
        {
            permissions.Add(Permissions.GrantTypes.RefreshToken);
        }

        foreach (var scope in application.Scopes.Where(s => s is not Scopes.OpenId and not Scopes.OfflineAccess))
        {
            permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        return new(permissions.ToImmutable());
    }

    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(application.PostLogoutRedirectUris);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<string, JsonElement>.Empty);

    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(application.RedirectUris);

    // PKCE for every client (RFC 9700 2.1.1), whatever its registration says.
    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new([Requirements.Features.ProofKeyForCodeExchange]);

    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(OidcApplication application, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<string, string>.Empty);

    public ValueTask<OidcApplication> InstantiateAsync(CancellationToken cancellationToken) => new(new OidcApplication());

    public async IAsyncEnumerable<OidcApplication> ListAsync(int? count, int? offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = await grains.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ListAsync();
        foreach (var id in ids.Skip(offset ?? 0).Take(count ?? int.MaxValue))
        {
            if (await grains.Reference<IOidcClientGrain>(id).GetAsync() is { } client)
            {
                yield return FromRecord(client);
            }
        }
    }

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcApplication>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        Unsupported.None<TResult>("queries");

    public ValueTask SetApplicationTypeAsync(OidcApplication application, string? type, CancellationToken cancellationToken) => default;

    public ValueTask SetClientIdAsync(OidcApplication application, string? identifier, CancellationToken cancellationToken)
    {
        application.ClientId = identifier ?? string.Empty;
        return default;
    }

    public ValueTask SetClientSecretAsync(OidcApplication application, string? secret, CancellationToken cancellationToken)
    {
        application.ClientSecretHash = secret;
        return default;
    }

    public ValueTask SetClientTypeAsync(OidcApplication application, string? type, CancellationToken cancellationToken) => default;

    public ValueTask SetConsentTypeAsync(OidcApplication application, string? type, CancellationToken cancellationToken) => default;

    public ValueTask SetDisplayNameAsync(OidcApplication application, string? name, CancellationToken cancellationToken)
    {
        application.ClientName = name;
        return default;
    }

    public ValueTask SetDisplayNamesAsync(OidcApplication application, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) => default;

    public ValueTask SetJsonWebKeySetAsync(OidcApplication application, JsonWebKeySet? set, CancellationToken cancellationToken)
    {
        application.JsonWebKeySet = set is null ? null : JwksText.Write(set);
        return default;
    }

    public ValueTask SetPermissionsAsync(OidcApplication application, ImmutableArray<string> permissions, CancellationToken cancellationToken) => default;

    public ValueTask SetPostLogoutRedirectUrisAsync(OidcApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken)
    {
        application.PostLogoutRedirectUris = uris.IsDefault ? [] : uris;
        return default;
    }

    public ValueTask SetPropertiesAsync(OidcApplication application, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) => default;

    public ValueTask SetRedirectUrisAsync(OidcApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken)
    {
        application.RedirectUris = uris.IsDefault ? [] : uris;
        return default;
    }

    public ValueTask SetRequirementsAsync(OidcApplication application, ImmutableArray<string> requirements, CancellationToken cancellationToken) => default;

    public ValueTask SetSettingsAsync(OidcApplication application, ImmutableDictionary<string, string> settings, CancellationToken cancellationToken) => default;

    public ValueTask UpdateAsync(OidcApplication application, CancellationToken cancellationToken) => RegisterAsync(application);

    private async ValueTask RegisterAsync(OidcApplication application)
    {
        _read.Remove(application.ClientId);
        try
        {
            application.Version = (await grains.Reference<IOidcClientGrain>(application.ClientId).RegisterAsync(ToRecord(application))).Client.Version;
        }
        finally
        {
            catalog.Forget(application.ClientId);
        }
    }

    internal static OidcApplication FromRecord(OidcClient client) => new()
    {
        ClientId = client.ClientId,
        ClientName = client.ClientName,
        ClientSecretHash = client.ClientSecretHash,
        JsonWebKeySet = client.JsonWebKeySet,
        RedirectUris = client.RedirectUris,
        PostLogoutRedirectUris = client.PostLogoutRedirectUris,
        GrantTypes = client.GrantTypes,
        Scopes = client.Scopes,
        TokenEndpointAuthMethod = client.TokenEndpointAuthMethod,
        MinLoa = client.MinLoa,
        CprEntitled = client.CprEntitled,
        BackChannelLogoutUri = client.BackChannelLogoutUri,
        FrontChannelLogoutUri = client.FrontChannelLogoutUri,
        FrontChannelLogoutSessionRequired = client.FrontChannelLogoutSessionRequired,
        OwnerCvr = client.OwnerCvr,
        Version = client.Version,
    };

    internal static OidcClient ToRecord(OidcApplication application) => new(
        application.ClientId,
        application.TokenEndpointAuthMethod,
        application.TokenEndpointAuthMethod is "client_secret_basic" or "client_secret_post" ? application.ClientSecretHash : null,
        application.TokenEndpointAuthMethod == "private_key_jwt" ? application.JsonWebKeySet : null,
        application.RedirectUris,
        application.PostLogoutRedirectUris,
        application.GrantTypes,
        application.Scopes,
        application.MinLoa,
        application.CprEntitled)
    {
        ClientName = application.ClientName,
        BackChannelLogoutUri = application.BackChannelLogoutUri,
        FrontChannelLogoutUri = application.FrontChannelLogoutUri,
        FrontChannelLogoutSessionRequired = application.FrontChannelLogoutSessionRequired,
        OwnerCvr = application.OwnerCvr,
    };
}
