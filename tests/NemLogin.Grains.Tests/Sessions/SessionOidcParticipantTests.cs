using NemLogin.Grains.Assurance;
using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

/// <summary>OpenID Connect clients as session participants beside SAML SPs (cross-protocol logout).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionOidcParticipantTests(ClusterFixture fixture)
{
    // Class: a SAML LogoutRequest finding a participant by SessionIndex must not find an OIDC client's sid.
    [Fact]
    public async Task AddOidcParticipant_SameIdAsSamlSp_KeptApartAndNotIndexedForSaml()
    {
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));
        await session.StartAsync(new SessionAuthentication(Guid.NewGuid(), LevelOfAssurance.Substantial, fixture.Time.GetUtcNow(), "https://mitid.example"), null);

        var saml = await session.AddParticipantAsync("party-1", "name-1", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        var oidc = await session.AddOidcParticipantAsync("party-1", "sub-1");
        var again = await session.AddOidcParticipantAsync("party-1", "sub-1");

        Assert.Equal(ParticipantProtocol.Saml, saml.Protocol);
        Assert.Equal(ParticipantProtocol.Oidc, oidc.Protocol);
        Assert.Equal(oidc.SessionIndex, again.SessionIndex);
        Assert.NotEqual(saml.SessionIndex, oidc.SessionIndex);
        Assert.Equal(2, (await session.GetAsync())!.Participants.Length);
        Assert.Null(await fixture.Grains.GetGrain<ISessionIndexGrain>(SessionIndexKey.For("party-1", oidc.SessionIndex)).FindSessionAsync());
    }
}
