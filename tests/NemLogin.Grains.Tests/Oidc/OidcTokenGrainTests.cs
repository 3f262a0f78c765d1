using NemLogin.Grains.Oidc;
using NemLogin.Grains.Tests.Support;

namespace NemLogin.Grains.Tests.Oidc;

/// <summary>Token entries: single redemption under concurrency (code replay across data centres), revocation, the revoked chain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OidcTokenGrainTests(ClusterFixture fixture)
{
    private static OidcTokenEntry Code(string id, string? authorizationId = null) => new(
        id, "client-a", authorizationId, "subject", "authorization_code", "valid", null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5), null, null);

    // Attack class: authorization code replay, two gateways redeeming one code at the same instant (RFC 9700 4.5).
    [Fact]
    public async Task Replace_TwentyConcurrentRedemptions_ExactlyOneSucceeds()
    {
        var id = Guid.NewGuid().ToString("N");
        var created = await fixture.Grains.GetGrain<IOidcTokenGrain>(id).CreateAsync(Code(id));

        // Each redeemer read version 1 (as a gateway does before redeeming) and writes "redeemed" against it, through its own reference.
        var redeemed = created with { Status = "redeemed", RedemptionDate = DateTimeOffset.UnixEpoch.AddSeconds(1) };
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            fixture.Cluster.Client.GetGrain<IOidcTokenGrain>(id).ReplaceAsync(redeemed, created.Version)));

        Assert.Single(outcomes, o => o is not null);
        var stored = await fixture.Grains.GetGrain<IOidcTokenGrain>(id).GetAsync();
        Assert.Equal("redeemed", stored!.Status);
        Assert.Equal(created.Version + 1, stored.Version);
    }

    // Attack class: authorization code replay by a second redeemer that read the entry after the first one's write (so it
    // carries the current version): a redeemed code is never redeemed again (RFC 6749 4.1.2).
    [Fact]
    public async Task Replace_RedeemedAgainWithTheCurrentVersion_Refused()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IOidcTokenGrain>(id);
        var created = await grain.CreateAsync(Code(id));
        var first = await grain.ReplaceAsync(created with { Status = "redeemed" }, created.Version);

        var second = await grain.ReplaceAsync(first! with { RedemptionDate = DateTimeOffset.UnixEpoch.AddSeconds(2) }, first.Version);

        Assert.Null(second);
        Assert.Equal(first.Version, (await grain.GetAsync())!.Version);
    }

    // Attack class: a revoked token brought back by a writer that read it before the revocation.
    [Fact]
    public async Task Replace_AfterRevocation_RefusedAndStaysRevoked()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IOidcTokenGrain>(id);
        var created = await grain.CreateAsync(Code(id));
        Assert.True(await grain.RevokeAsync());

        var stale = await grain.ReplaceAsync(created with { Status = "valid" }, created.Version + 1);

        Assert.Null(stale);
        Assert.Equal("revoked", (await grain.GetAsync())!.Status);
    }

    // Attack class: refresh token reuse after rotation revokes the whole chain (RFC 9700 4.14.2).
    [Fact]
    public async Task RevokeAuthorization_CodeAndRotatedRefreshTokens_AllRevoked()
    {
        var authorizationId = Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).CreateAsync(
            new OidcAuthorizationEntry(authorizationId, "client-a", "subject", "valid", "ad-hoc", ["openid"], DateTimeOffset.UnixEpoch, null));
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var id in ids)
        {
            await fixture.Grains.GetGrain<IOidcTokenGrain>(id).CreateAsync(Code(id, authorizationId) with { Type = "refresh_token" });
        }

        var changed = await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).RevokeAsync();

        Assert.Equal(3, changed);
        foreach (var id in ids)
        {
            Assert.Equal("revoked", (await fixture.Grains.GetGrain<IOidcTokenGrain>(id).GetAsync())!.Status);
        }

        Assert.Equal("revoked", (await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).GetAsync())!.Status);
    }

    // Attack class: code replay racing the first redeemer: a token issued after its chain was revoked is born revoked.
    [Fact]
    public async Task Create_UnderRevokedAuthorization_StoredRevoked()
    {
        var authorizationId = Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).CreateAsync(
            new OidcAuthorizationEntry(authorizationId, "client-a", "subject", "valid", "ad-hoc", ["openid"], DateTimeOffset.UnixEpoch, null));
        await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).RevokeAsync();

        var id = Guid.NewGuid().ToString("N");
        var created = await fixture.Grains.GetGrain<IOidcTokenGrain>(id).CreateAsync(Code(id, authorizationId) with { Type = "refresh_token" });

        Assert.Equal("revoked", created.Status);
    }

    // Attack class: code replay racing the first redeemer, under concurrency. Tokens are created while the chain is
    // revoked: each is either attached before the revocation (and revoked by it) or created after it (and born revoked).
    [Fact]
    public async Task Create_ConcurrentWithRevocation_EveryTokenEndsRevoked()
    {
        var authorizationId = Guid.NewGuid().ToString("N");
        var authorization = fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId);
        await authorization.CreateAsync(
            new OidcAuthorizationEntry(authorizationId, "client-a", "subject", "valid", "ad-hoc", ["openid"], DateTimeOffset.UnixEpoch, null));
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        var creations = ids.Select(id => Task.Run(() => fixture.Cluster.Client.GetGrain<IOidcTokenGrain>(id).CreateAsync(Code(id, authorizationId)))).ToArray();
        var revocation = fixture.Cluster.Client.GetGrain<IOidcAuthorizationGrain>(authorizationId).RevokeAsync();
        await Task.WhenAll(creations);
        await revocation;

        foreach (var id in ids)
        {
            Assert.Equal("revoked", (await fixture.Grains.GetGrain<IOidcTokenGrain>(id).GetAsync())!.Status);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), (await authorization.GetTokenIdsAsync()).Order(StringComparer.Ordinal));
    }

    // Rule: a token indexed by authorization before the authorization grain kept its own list is still revoked with its
    // chain (an upgrade leaves no live token outside revocation).
    [Fact]
    public async Task RevokeAuthorization_TokenInTheEarlierIndex_Revoked()
    {
        var authorizationId = Guid.NewGuid().ToString("N");
        var id = Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<IOidcTokenGrain>(id).CreateAsync(Code(id));
        await fixture.Grains.GetGrain<IOidcTokenIndexGrain>(OidcTokenIndexKey.ForAuthorization(authorizationId)).AddAsync(id);

        var changed = await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).RevokeAsync();

        Assert.Equal(1, changed);
        Assert.Equal("revoked", (await fixture.Grains.GetGrain<IOidcTokenGrain>(id).GetAsync())!.Status);
    }

    // Rule: a deleted token leaves its authorization's list; one deleted authorization keeps its list for revocation.
    [Fact]
    public async Task Delete_TokenAndAuthorization_ListFollows()
    {
        var authorizationId = Guid.NewGuid().ToString("N");
        var authorization = fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId);
        await authorization.CreateAsync(
            new OidcAuthorizationEntry(authorizationId, "client-a", "subject", "valid", "ad-hoc", ["openid"], DateTimeOffset.UnixEpoch, null));
        var kept = Guid.NewGuid().ToString("N");
        var deleted = Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<IOidcTokenGrain>(kept).CreateAsync(Code(kept, authorizationId));
        await fixture.Grains.GetGrain<IOidcTokenGrain>(deleted).CreateAsync(Code(deleted, authorizationId));

        await fixture.Grains.GetGrain<IOidcTokenGrain>(deleted).DeleteAsync();
        await authorization.DeleteAsync();

        Assert.Equal([kept], await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).GetTokenIdsAsync());
        Assert.Null(await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).GetAsync());
        Assert.Equal(1, await fixture.Grains.GetGrain<IOidcAuthorizationGrain>(authorizationId).RevokeAsync());
        Assert.Equal("revoked", (await fixture.Grains.GetGrain<IOidcTokenGrain>(kept).GetAsync())!.Status);
    }

    // Attack class: a token found by its reference id after deletion (index left behind).
    [Fact]
    public async Task Delete_WithReferenceId_IndexForgetsIt()
    {
        var id = Guid.NewGuid().ToString("N");
        var reference = Guid.NewGuid().ToString("N");
        await fixture.Grains.GetGrain<IOidcTokenGrain>(id).CreateAsync(Code(id) with { ReferenceId = reference });
        Assert.Equal([id], await fixture.Grains.GetGrain<IOidcTokenIndexGrain>(OidcTokenIndexKey.ForReference(reference)).ListAsync());

        await fixture.Grains.GetGrain<IOidcTokenGrain>(id).DeleteAsync();

        Assert.Empty(await fixture.Grains.GetGrain<IOidcTokenIndexGrain>(OidcTokenIndexKey.ForReference(reference)).ListAsync());
        Assert.Null(await fixture.Grains.GetGrain<IOidcTokenGrain>(id).GetAsync());
    }

    // Rule: a client with an http redirect URI off loopback is not stored.
    [Fact]
    public async Task RegisterClient_HttpRedirectOffLoopback_RefusedNothingStored()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N");
        var client = new OidcClient(clientId, "client_secret_basic", "hash", null, ["http://rp.example/cb"], [], ["authorization_code"], ["openid"],
            NemLogin.Grains.Assurance.LevelOfAssurance.Substantial, false);

        var ex = await Assert.ThrowsAsync<GrainRuleException>(() => fixture.Grains.GetGrain<IOidcClientGrain>(clientId).RegisterAsync(client));

        Assert.Equal("oidc.client-invalid", ex.Code);
        Assert.Null(await fixture.Grains.GetGrain<IOidcClientGrain>(clientId).GetAsync());
        Assert.DoesNotContain(clientId, await fixture.Grains.GetGrain<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ListAsync());
    }

    // Moving a secret to the current hash form never overwrites a registration replaced since the old hash was read.
    [Fact]
    public async Task ReplaceSecretHash_StoredHashChangedMeanwhile_NothingReplaced()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Grains.GetGrain<IOidcClientGrain>(clientId);
        await grain.RegisterAsync(new OidcClient(clientId, "client_secret_basic", "old-hash", null, ["https://rp.example/cb"], [], ["authorization_code"], ["openid"],
            NemLogin.Grains.Assurance.LevelOfAssurance.Substantial, false));

        var stale = await grain.ReplaceSecretHashAsync("another-hash", "new-hash");
        var afterStale = (await grain.GetAsync())!;
        var moved = await grain.ReplaceSecretHashAsync("old-hash", "new-hash");
        var afterMove = (await grain.GetAsync())!;

        Assert.False(stale);
        Assert.Equal("old-hash", afterStale.ClientSecretHash);
        Assert.True(moved);
        Assert.Equal("new-hash", afterMove.ClientSecretHash);
        Assert.Equal(afterStale.Version + 1, afterMove.Version);
        Assert.Equal(afterStale.RedirectUris, afterMove.RedirectUris);
    }
}
