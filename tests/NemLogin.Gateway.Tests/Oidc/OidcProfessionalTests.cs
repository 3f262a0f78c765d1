using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using Xunit;

namespace NemLogin.Gateway.Tests.Oidc;

/// <summary>
/// The Professional profile in OpenID Connect (scope <c>professional</c>): the employee's business identity as <c>sub</c>,
/// the organisation and this client's rights as claims; a person without a business identity gets <c>access_denied</c>.
/// </summary>
public sealed class OidcProfessionalTests(OidcBroker broker) : IClassFixture<OidcBroker>
{
    [Fact]
    public async Task Bent_ProfessionalScope_BusinessIdentityClaimsAndOnlyThisClientsPrivileges()
    {
        var clientId = await RegisterAsync();
        var bent = await DemoOrganisationData.BentAsync(broker.Factory);
        var grains = broker.Factory.Services.GetRequiredService<IGrainFactory>();
        var system = ItSystem.Oidc(clientId);
        await grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync("rp-catalogue", [new Privilege("urn:dk:rp:privilege:submit", "Submit", [])]);
        await grains.GetGrain<IBusinessIdentityGrain>(bent.Id).GrantAsync("rp-grant-" + clientId, new Right(system, "urn:dk:rp:privilege:submit", RightScope.Organisation(DemoOrganisationData.Cvr)));
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();

        var (query, _) = await broker.AuthorizeAsync(browser, Url(clientId, pkce), "bent");
        var token = new JsonWebToken(await broker.RedeemForIdTokenAsync(clientId, query["code"], pkce));

        Assert.Equal(bent.Id.ToString(), token.Subject);
        Assert.Equal(DemoOrganisationData.Cvr, token.GetClaim("cvr").Value);
        Assert.Equal(DemoOrganisationData.Name, token.GetClaim("org_name").Value);
        using var privileges = JsonDocument.Parse(token.GetPayloadValue<JsonElement>("privileges").GetRawText());
        var group = Assert.Single(privileges.RootElement.EnumerateArray());
        Assert.Equal("urn:dk:gov:saml:cvrNumberIdentifier:" + DemoOrganisationData.Cvr, group.GetProperty("scope").GetString());
        Assert.Equal(["urn:dk:rp:privilege:submit"], group.GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));
        Assert.False(token.TryGetClaim("birthdate", out _));
    }

    // Rule: never a citizen's identity to a client that asked for an employee's.
    [Fact]
    public async Task Alice_ProfessionalScope_AccessDeniedAndNoCode()
    {
        var clientId = await RegisterAsync();
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(Url(clientId, OidcBroker.Pkce.New()));
        page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["username"] = "alice" });

        Assert.StartsWith(broker.RedirectUri, page.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=access_denied", page.Url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page.Url.Query, StringComparison.Ordinal);
    }

    // Fuldmagt in OpenID Connect: bent, holding alice's mandate for this client, acts for her: his own sub, the mandate's
    // privileges scoped to her, and an act claim naming her.
    [Fact]
    public async Task Bent_MandateFromAlice_ActsForHerWithPrivilegesAndActClaim()
    {
        var clientId = await RegisterAsync();
        var bent = await DemoOrganisationData.BentAsync(broker.Factory);
        var grains = broker.Factory.Services.GetRequiredService<IGrainFactory>();
        var system = ItSystem.Oidc(clientId);
        await grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync("rp-catalogue-m", [new Privilege("urn:dk:rp:privilege:read-post", "Read post", [])]);
        var alice = MandateParty.Person(await AliceAsync(grains, bent.PersonId!.Value));
        var mandate = await grains.GetGrain<IMandateGrantorGrain>(alice.Id).GrantAsync("rp-mandate-" + clientId, new MandateDetails(
            alice, MandateParty.Person(bent.PersonId!.Value), [new MandateSystem(system, ["urn:dk:rp:privilege:read-post"])], null, null));
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();

        var login = await browser.GetAsync(broker.AuthorizeUrl(pkce, clientId: clientId, extra: new Dictionary<string, string?> { ["scope"] = "openid profile" }));
        var question = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "bent" });
        Assert.Contains("/login/act-as/", question.Url.AbsolutePath, StringComparison.Ordinal);
        var back = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = mandate.Id.ToString() });
        Assert.StartsWith(broker.RedirectUri, back.Url.ToString(), StringComparison.Ordinal);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(back.Url.Query)["code"].ToString();
        var token = new JsonWebToken(await broker.RedeemForIdTokenAsync(clientId, code, pkce));

        using var act = JsonDocument.Parse(token.GetPayloadValue<JsonElement>("act").GetRawText());
        Assert.Equal("urn:dk:gov:saml:cprNumberIdentifier:1203859901", act.RootElement.GetProperty("sub").GetString());
        Assert.Equal(mandate.Id.ToString(), act.RootElement.GetProperty("mandate_id").GetString());
        using var privileges = JsonDocument.Parse(token.GetPayloadValue<JsonElement>("privileges").GetRawText());
        var group = Assert.Single(privileges.RootElement.EnumerateArray());
        Assert.Equal("urn:dk:gov:saml:cprNumberIdentifier:1203859901", group.GetProperty("scope").GetString());
        Assert.Equal("Bent", token.GetClaim("given_name").Value);
    }

    // Fuldmagt for organisations in OpenID Connect: bent's employer holds a client organisation's mandate for this client;
    // acting under it, sub stays his business identity, cvr his employer's, privileges the mandate's scoped to the client's
    // CVR (not his own right), and act names the client.
    [Fact]
    public async Task Bent_EmployerHoldsClientsMandate_ActsForTheClientOrganisation()
    {
        var clientId = await RegisterAsync();
        var bent = await DemoOrganisationData.BentAsync(broker.Factory);
        var grains = broker.Factory.Services.GetRequiredService<IGrainFactory>();
        var system = ItSystem.Oidc(clientId);
        await grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync("rp-catalogue-b", [new Privilege("urn:dk:rp:privilege:file", "File", [])]);
        await grains.GetGrain<IBusinessIdentityGrain>(bent.Id).GrantAsync("rp-grant-b-" + clientId, new Right(system, "urn:dk:rp:privilege:file", RightScope.Organisation(DemoOrganisationData.Cvr)));
        const string client = "10000009";
        await grains.GetGrain<NemLogin.Grains.Organisations.IOrganisationGrain>(client).SaveAsync("client-org", new NemLogin.Grains.Organisations.OrganisationDetails(
            "Klient A/S", [], [], NemLogin.Grains.Organisations.OrganisationStatus.Active, []));
        var mandate = await grains.GetGrain<IMandateGrantorGrain>(client).GrantAsync("rp-business-mandate-" + clientId, new MandateDetails(
            MandateParty.Organisation(client), MandateParty.Organisation(DemoOrganisationData.Cvr), [new MandateSystem(system, [])], null, null));
        using var browser = new TestBrowser();
        var pkce = OidcBroker.Pkce.New();

        var login = await browser.GetAsync(Url(clientId, pkce));
        var question = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "bent" });
        Assert.Contains("/login/act-as/", question.Url.AbsolutePath, StringComparison.Ordinal);
        var back = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = mandate.Id.ToString() });
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(back.Url.Query)["code"].ToString();
        var token = new JsonWebToken(await broker.RedeemForIdTokenAsync(clientId, code, pkce));

        Assert.Equal(bent.Id.ToString(), token.Subject);
        Assert.Equal(DemoOrganisationData.Cvr, token.GetClaim("cvr").Value);
        using var act = JsonDocument.Parse(token.GetPayloadValue<JsonElement>("act").GetRawText());
        Assert.Equal("urn:dk:gov:saml:cvrNumberIdentifier:" + client, act.RootElement.GetProperty("sub").GetString());
        using var privileges = JsonDocument.Parse(token.GetPayloadValue<JsonElement>("privileges").GetRawText());
        var group = Assert.Single(privileges.RootElement.EnumerateArray());
        Assert.Equal("urn:dk:gov:saml:cvrNumberIdentifier:" + client, group.GetProperty("scope").GetString());
        Assert.Equal(["urn:dk:rp:privilege:file"], group.GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));
    }

    /// <summary>Alice's identity: the grantor of the demo mandate bent holds (seeded after start).</summary>
    private static async Task<Guid> AliceAsync(IGrainFactory grains, Guid bent)
    {
        var index = grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(bent).Id);
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if ((await index.ListAsync()).FirstOrDefault() is { Grantor.PersonId: { } alice })
            {
                return alice;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The demo mandate was not seeded within 30 s.");
    }

    private string Url(string clientId, OidcBroker.Pkce pkce) =>
        broker.AuthorizeUrl(pkce, clientId: clientId, extra: new Dictionary<string, string?> { ["scope"] = "openid profile professional" });

    private Task<string> RegisterAsync() => broker.RegisterClientAsync("pro", "openid profile professional");
}
