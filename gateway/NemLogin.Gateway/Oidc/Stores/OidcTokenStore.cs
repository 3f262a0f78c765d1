using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using NemLogin.Grains.Oidc;
using NemLogin.Grains;
using OpenIddict.Abstractions;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// OpenIddict's token store over <see cref="IOidcTokenGrain"/>. <see cref="UpdateAsync"/> is a compare-and-set in the
/// grain: a copy read before another gateway's write fails with <see cref="OpenIddictExceptions.ConcurrencyException"/>,
/// which OpenIddict turns into "already redeemed" (so a code or refresh token is redeemed at most once).
/// <para>
/// OpenIddict reads one entry several times in a request (at a code's redemption: found by reference id, validated, read
/// again before it is marked redeemed, its reference id checked for uniqueness). The store is scoped to the request and
/// answers those reads from the entries this request has already read or written (docs/architecture.md, "OIDC token
/// entries"): five grain calls fewer per login. Nothing is lost by it, because every write is still a compare-and-set at
/// the grain. A copy that another request (another gateway) changed meanwhile fails its write as a stale copy, which
/// OpenIddict refuses as it refuses a concurrent redemption. Revocation by authorization forgets every copy.
/// </para>
/// </summary>
internal sealed class OidcTokenStore(IGrainFactory grains) : IOpenIddictTokenStore<OidcToken>
{
    // This request's entries by id, as last read or written, and the ids of the reference ids among them.
    private readonly Dictionary<string, OidcTokenEntry> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => throw Unsupported.Query("counting tokens");

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<OidcToken>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw Unsupported.Query("counting by query");

    public async ValueTask CreateAsync(OidcToken token, CancellationToken cancellationToken)
    {
        var stored = await grains.Reference<IOidcTokenGrain>(token.Id).CreateAsync(ToEntry(token));
        token.Version = stored.Version;
        // As stored: the grain may have created it revoked (its authorization was revoked meanwhile).
        Remember(stored);
    }

    public async ValueTask DeleteAsync(OidcToken token, CancellationToken cancellationToken)
    {
        _seen.Remove(token.Id);
        await grains.Reference<IOidcTokenGrain>(token.Id).DeleteAsync();
    }

    public IAsyncEnumerable<OidcToken> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        Unsupported.None<OidcToken>("searching tokens by subject");

    public IAsyncEnumerable<OidcToken> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Unsupported.None<OidcToken>("searching tokens by client");

    public IAsyncEnumerable<OidcToken> FindByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        EntriesAsync(grains.Reference<IOidcAuthorizationGrain>(identifier).GetTokenIdsAsync(), cancellationToken);

    public async ValueTask<OidcToken?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        IsId(identifier) && await ReadAsync(identifier) is { } entry ? FromEntry(entry) : null;

    public async ValueTask<OidcToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken)
    {
        if (!IsId(identifier))
        {
            return null;
        }

        // A reference id names one entry for good (it is never moved to another), so what this request resolved stands.
        if (_references.TryGetValue(identifier, out var id))
        {
            return await ReadAsync(id) is { } seen && string.Equals(seen.ReferenceId, identifier, StringComparison.Ordinal) ? FromEntry(seen) : null;
        }

        await foreach (var token in EntriesAsync(grains.Reference<IOidcTokenIndexGrain>(OidcTokenIndexKey.ForReference(identifier)).ListAsync(), cancellationToken))
        {
            return token;
        }

        return null;
    }

    public IAsyncEnumerable<OidcToken> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        Unsupported.None<OidcToken>("searching tokens by subject");

    public ValueTask<string?> GetApplicationIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.ApplicationId);

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<OidcToken>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unsupported.Query("queries");

    public ValueTask<string?> GetAuthorizationIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.AuthorizationId);

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OidcToken token, CancellationToken cancellationToken) => new(token.CreationDate);

    public ValueTask<DateTimeOffset?> GetExpirationDateAsync(OidcToken token, CancellationToken cancellationToken) => new(token.ExpirationDate);

    public ValueTask<string?> GetIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Id);

    public ValueTask<string?> GetPayloadAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Payload);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(OidcToken token, CancellationToken cancellationToken) =>
        new(StoreJson.Read(token.Properties));

    public ValueTask<DateTimeOffset?> GetRedemptionDateAsync(OidcToken token, CancellationToken cancellationToken) => new(token.RedemptionDate);

    public ValueTask<string?> GetReferenceIdAsync(OidcToken token, CancellationToken cancellationToken) => new(token.ReferenceId);

    public ValueTask<string?> GetStatusAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Status);

    public ValueTask<string?> GetSubjectAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Subject);

    public ValueTask<string?> GetTypeAsync(OidcToken token, CancellationToken cancellationToken) => new(token.Type);

    // The id is random and unguessable: it names a grain, and the entry is never found by a value a client chose.
    public ValueTask<OidcToken> InstantiateAsync(CancellationToken cancellationToken) =>
        new(new OidcToken { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) });

    public IAsyncEnumerable<OidcToken> ListAsync(int? count, int? offset, CancellationToken cancellationToken) => Unsupported.None<OidcToken>("listing tokens");

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<OidcToken>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        Unsupported.None<TResult>("queries");

    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) => throw Unsupported.Query("pruning");

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        throw Unsupported.Query("revoking by subject");

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        throw Unsupported.Query("revoking by client");

    /// <summary>
    /// OpenIddict calls this when a redeemed code or refresh token comes again. The authorization is revoked with its
    /// tokens, so tokens the first redeemer is still issuing are born revoked, and those issued are refused at use.
    /// </summary>
    public async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        // The revoked entries are read again if this request needs them.
        _seen.Clear();
        return await grains.Reference<IOidcAuthorizationGrain>(identifier).RevokeAsync();
    }

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) => throw Unsupported.Query("revoking by subject");

    public ValueTask SetApplicationIdAsync(OidcToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ApplicationId = identifier);

    public ValueTask SetAuthorizationIdAsync(OidcToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.AuthorizationId = identifier);

    public ValueTask SetCreationDateAsync(OidcToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.CreationDate = date);

    public ValueTask SetExpirationDateAsync(OidcToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.ExpirationDate = date);

    public ValueTask SetPayloadAsync(OidcToken token, string? payload, CancellationToken cancellationToken) => Set(() => token.Payload = payload);

    public ValueTask SetPropertiesAsync(OidcToken token, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => token.Properties = StoreJson.Write(properties));

    public ValueTask SetRedemptionDateAsync(OidcToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.RedemptionDate = date);

    public ValueTask SetReferenceIdAsync(OidcToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ReferenceId = identifier);

    public ValueTask SetStatusAsync(OidcToken token, string? status, CancellationToken cancellationToken) => Set(() => token.Status = status);

    public ValueTask SetSubjectAsync(OidcToken token, string? subject, CancellationToken cancellationToken) => Set(() => token.Subject = subject);

    public ValueTask SetTypeAsync(OidcToken token, string? type, CancellationToken cancellationToken) => Set(() => token.Type = type);

    public async ValueTask UpdateAsync(OidcToken token, CancellationToken cancellationToken)
    {
        var stored = await grains.Reference<IOidcTokenGrain>(token.Id).ReplaceAsync(ToEntry(token), token.Version);
        if (stored is null)
        {
            // Stale: whatever this request kept of it is too; a later read in this request goes to the grain.
            _seen.Remove(token.Id);
            throw new OpenIddictExceptions.ConcurrencyException("The token entry was changed by another request (redeemed or revoked).");
        }

        token.Version = stored.Version;
        Remember(stored);
    }

    private async ValueTask<OidcTokenEntry?> ReadAsync(string id)
    {
        if (_seen.TryGetValue(id, out var seen))
        {
            return seen;
        }

        var entry = await grains.Reference<IOidcTokenGrain>(id).GetAsync();
        if (entry is not null)
        {
            Remember(entry);
        }

        return entry;
    }

    private void Remember(OidcTokenEntry entry)
    {
        _seen[entry.Id] = entry;
        if (entry.ReferenceId is { Length: > 0 } reference)
        {
            _references[reference] = entry.Id;
        }
    }

    private static ValueTask Set(Action change)
    {
        change();
        return default;
    }

    private static bool IsId(string? identifier) => identifier is { Length: > 0 and <= 200 };

    private async IAsyncEnumerable<OidcToken> EntriesAsync(Task<ImmutableArray<string>> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var id in await ids)
        {
            if (await ReadAsync(id) is { } entry)
            {
                yield return FromEntry(entry);
            }
        }
    }

    private static OidcToken FromEntry(OidcTokenEntry entry) => new()
    {
        Id = entry.Id,
        ApplicationId = entry.ApplicationId,
        AuthorizationId = entry.AuthorizationId,
        Subject = entry.Subject,
        Type = entry.Type,
        Status = entry.Status,
        Payload = entry.Payload,
        ReferenceId = entry.ReferenceId,
        CreationDate = entry.CreationDate,
        ExpirationDate = entry.ExpirationDate,
        RedemptionDate = entry.RedemptionDate,
        Properties = entry.Properties,
        Version = entry.Version,
    };

    private static OidcTokenEntry ToEntry(OidcToken token) => new(
        token.Id, token.ApplicationId, token.AuthorizationId, token.Subject, token.Type, token.Status, token.Payload, token.ReferenceId,
        token.CreationDate, token.ExpirationDate, token.RedemptionDate, token.Properties)
    {
        Version = token.Version,
    };
}
