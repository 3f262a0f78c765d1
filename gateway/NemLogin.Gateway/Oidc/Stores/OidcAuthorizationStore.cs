using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using NemLogin.Grains.Oidc;
using NemLogin.Grains;
using OpenIddict.Abstractions;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// OpenIddict's authorization store over <see cref="IOidcAuthorizationGrain"/>. The broker records only ad-hoc
/// authorizations (one per code flow, tying its tokens together); there is no consent screen, so no search by subject.
/// </summary>
internal sealed class OidcAuthorizationStore(IGrainFactory grains) : IOpenIddictAuthorizationStore<OidcAuthorization>
{
    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => throw Unsupported.Query("counting authorizations");

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcAuthorization>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw Unsupported.Query("counting by query");

    public async ValueTask CreateAsync(OidcAuthorization authorization, CancellationToken cancellationToken) =>
        authorization.Version = (await grains.Reference<IOidcAuthorizationGrain>(authorization.Id).CreateAsync(ToEntry(authorization))).Version;

    public async ValueTask DeleteAsync(OidcAuthorization authorization, CancellationToken cancellationToken) =>
        await grains.Reference<IOidcAuthorizationGrain>(authorization.Id).DeleteAsync();

    public IAsyncEnumerable<OidcAuthorization> FindAsync(string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes, CancellationToken cancellationToken) =>
        Unsupported.None<OidcAuthorization>("searching authorizations");

    public IAsyncEnumerable<OidcAuthorization> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Unsupported.None<OidcAuthorization>("searching authorizations by client");

    public async ValueTask<OidcAuthorization?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        identifier is { Length: > 0 and <= 200 } && await grains.Reference<IOidcAuthorizationGrain>(identifier).GetAsync() is { } entry ? FromEntry(entry) : null;

    public IAsyncEnumerable<OidcAuthorization> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        Unsupported.None<OidcAuthorization>("searching authorizations by subject");

    public ValueTask<string?> GetApplicationIdAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.ApplicationId);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcAuthorization>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unsupported.Query("queries");

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.CreationDate);

    public ValueTask<string?> GetIdAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Id);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcAuthorization authorization, CancellationToken cancellationToken) =>
        new(StoreJson.Read(authorization.Properties));

    public ValueTask<ImmutableArray<string>> GetScopesAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Scopes);

    public ValueTask<string?> GetStatusAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Status);

    public ValueTask<string?> GetSubjectAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Subject);

    public ValueTask<string?> GetTypeAsync(OidcAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Type);

    public ValueTask<OidcAuthorization> InstantiateAsync(CancellationToken cancellationToken) =>
        new(new OidcAuthorization { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) });

    public IAsyncEnumerable<OidcAuthorization> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        Unsupported.None<OidcAuthorization>("listing authorizations");

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcAuthorization>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        Unsupported.None<TResult>("queries");

    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) => throw Unsupported.Query("pruning");

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        throw Unsupported.Query("revoking by subject");

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw Unsupported.Query("revoking by client");

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) => throw Unsupported.Query("revoking by subject");

    public ValueTask SetApplicationIdAsync(OidcAuthorization authorization, string? identifier, CancellationToken cancellationToken) => Set(() => authorization.ApplicationId = identifier);

    public ValueTask SetCreationDateAsync(OidcAuthorization authorization, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => authorization.CreationDate = date);

    public ValueTask SetPropertiesAsync(OidcAuthorization authorization, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => authorization.Properties = StoreJson.Write(properties));

    public ValueTask SetScopesAsync(OidcAuthorization authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken) =>
        Set(() => authorization.Scopes = scopes.IsDefault ? [] : scopes);

    public ValueTask SetStatusAsync(OidcAuthorization authorization, string? status, CancellationToken cancellationToken) => Set(() => authorization.Status = status);

    public ValueTask SetSubjectAsync(OidcAuthorization authorization, string? subject, CancellationToken cancellationToken) => Set(() => authorization.Subject = subject);

    public ValueTask SetTypeAsync(OidcAuthorization authorization, string? type, CancellationToken cancellationToken) => Set(() => authorization.Type = type);

    public async ValueTask UpdateAsync(OidcAuthorization authorization, CancellationToken cancellationToken)
    {
        var grain = grains.Reference<IOidcAuthorizationGrain>(authorization.Id);
        if (authorization.Status == OpenIddictConstants.Statuses.Revoked)
        {
            // Revocation wins over any concurrent change, and takes the authorization's tokens with it.
            await grain.RevokeAsync();
            authorization.Version = (await grain.GetAsync())?.Version ?? authorization.Version;
            return;
        }

        var stored = await grain.ReplaceAsync(ToEntry(authorization), authorization.Version)
            ?? throw new OpenIddictExceptions.ConcurrencyException("The authorization was changed by another request.");
        authorization.Version = stored.Version;
    }

    private static ValueTask Set(Action change)
    {
        change();
        return default;
    }

    private static OidcAuthorization FromEntry(OidcAuthorizationEntry entry) => new()
    {
        Id = entry.Id,
        ApplicationId = entry.ApplicationId,
        Subject = entry.Subject,
        Status = entry.Status,
        Type = entry.Type,
        Scopes = entry.Scopes,
        CreationDate = entry.CreationDate,
        Properties = entry.Properties,
        Version = entry.Version,
    };

    private static OidcAuthorizationEntry ToEntry(OidcAuthorization authorization) => new(
        authorization.Id, authorization.ApplicationId, authorization.Subject, authorization.Status, authorization.Type, authorization.Scopes,
        authorization.CreationDate, authorization.Properties)
    {
        Version = authorization.Version,
    };
}
