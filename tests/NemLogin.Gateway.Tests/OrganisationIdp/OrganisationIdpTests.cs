using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.OrganisationIdp;

/// <summary>
/// Organisations' own IdPs (docs/security.md, organisations' own IdPs): registration refusals with their codes and nothing
/// stored; a login through the organisation IdP ending with the employee's session and business identity; every Response
/// check refused with no session; the level cap.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class OrganisationIdpTests(AdminFixture fixture)
{
    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    private static string IdpPath(string cvr, string query = "") => Path(cvr, "idp") + query;

    private Task<AdminClient.Reply> RegisterIdpAsync(string cvr, string metadata, string query = "") =>
        fixture.Admin.SendAsync(HttpMethod.Put, IdpPath(cvr, query), new StringContent(metadata, Encoding.UTF8, AdminClient.MetadataMediaType));

    private async Task AssertRefusedAsync(string cvr, AdminClient.Reply reply, string code)
    {
        Assert.Equal(code, reply.ProblemCode);
        Assert.Equal("organisation.idp-unknown", (await fixture.Admin.GetAsync(IdpPath(cvr))).ProblemCode);
    }

    [Fact]
    public async Task Register_WeakKey_RefusedAndNothingStored()
    {
        // Attack class: a forgeable signing key (RSA-1024) registered as trusted.
        var cvr = await CreateAsync(fixture.Admin);
        var reply = await RegisterIdpAsync(cvr, await new TestOrganisationIdp("weak", keyBits: 1024).MetadataAsync());
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        await AssertRefusedAsync(cvr, reply, "organisation.idp-certificate-invalid");
    }

    [Fact]
    public async Task Register_PlainHttpEndpoint_RefusedAndNothingStored()
    {
        // Attack class: AuthnRequests and the login page over plain http off loopback (interception).
        var cvr = await CreateAsync(fixture.Admin);
        var reply = await RegisterIdpAsync(cvr, await new TestOrganisationIdp("http").MetadataAsync("http://idp.example/sso"));
        await AssertRefusedAsync(cvr, reply, "organisation.idp-endpoint-invalid");
    }

    [Fact]
    public async Task Register_NoRedirectSso_RefusedAndNothingStored()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var reply = await RegisterIdpAsync(cvr, await new TestOrganisationIdp("post").MetadataAsync(binding: SamlConstants.Bindings.HttpPost));
        await AssertRefusedAsync(cvr, reply, "organisation.idp-endpoint-invalid");
    }

    [Fact]
    public async Task Register_HighWithoutNotified_RefusedAndNothingStored_HighWhenNotified_Stored()
    {
        // Attack class: level inflation — an IdP asserting NSIS High without a notified scheme.
        var cvr = await CreateAsync(fixture.Admin);
        var idp = new TestOrganisationIdp("high");
        var reply = await RegisterIdpAsync(cvr, await idp.MetadataAsync(), "?maxLoa=High");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        await AssertRefusedAsync(cvr, reply, "organisation.idp-loa-invalid");

        var notified = await RegisterIdpAsync(cvr, await idp.MetadataAsync(), "?maxLoa=High&notified=true");
        Assert.Equal(HttpStatusCode.Created, notified.Status);
        Assert.Equal("High", notified.Json["maxLoa"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_UnknownOrganisation_Refused()
    {
        var reply = await RegisterIdpAsync(NewCvr(), await new TestOrganisationIdp("unknown").MetadataAsync());
        Assert.Equal("organisation.unknown", reply.ProblemCode);
    }

    [Fact]
    public async Task Register_DomainOfAnotherOrganisation_RefusedAndNothingStored()
    {
        // Attack class: one organisation capturing another's employees by claiming their e-mail domain.
        var domain = $"d{Guid.NewGuid():N}.example";
        var first = await CreateAsync(fixture.Admin);
        Assert.Equal(HttpStatusCode.Created, (await RegisterIdpAsync(first, await new TestOrganisationIdp("a").MetadataAsync(), "?emailDomain=" + domain)).Status);
        var second = await CreateAsync(fixture.Admin);
        var reply = await RegisterIdpAsync(second, await new TestOrganisationIdp("b").MetadataAsync(), "?emailDomain=" + domain);
        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        await AssertRefusedAsync(second, reply, "organisation.idp-domain-taken");
    }

    [Fact]
    public async Task Login_ThroughOrganisationIdp_EmployeeSessionWithBusinessIdentity()
    {
        var login = await StartAsync();
        var nameId = "employee-" + Guid.NewGuid().ToString("N");
        var outcome = await login.AnswerAsync(await login.Idp.ResponseAsync(login.Idp.Assertion(fixture.BaseUrl, login.UpstreamRequestId, nameId)));

        var assertion = fixture.FileSp.Validate(outcome.ResponseXml, login.Request.Id, fixture.IdpMetadata).Value;
        Assert.Equal("Substantial", assertion.Attributes[SamlConstants.Attributes.Loa].Single());
        Assert.Contains(login.Idp.EntityId, assertion.AuthenticatingAuthorities);
        Assert.Contains(await login.BusinessIdentitiesAsync(Grains, nameId), e => e.Cvr == login.Cvr);
    }

    [Fact]
    public async Task Login_IdpAssertsHigh_CappedAtRegisteredLow_LevelNotReached()
    {
        // Attack class: level inflation by the organisation IdP beyond what its registration allows. The IdP asserts High,
        // the registration caps it at Low, the SP needs Substantial: NoAuthnContext, no session for the employee.
        var login = await StartAsync(maxLoa: "Low");
        var outcome = await login.AnswerAsync(await login.Idp.ResponseAsync(login.Idp.Assertion(fixture.BaseUrl, login.UpstreamRequestId, "capped", loa: "High")));

        var response = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message;
        Assert.Equal(SamlConstants.StatusCodes.Responder, response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.NoAuthnContext, response.SubStatusCode);
    }

    [Fact]
    public async Task Login_CrossedInResponseTo_RefusedWithoutSession()
    {
        // Attack class: an unsolicited or crossed Response (InResponseTo names no request of this browser's flow).
        var login = await StartAsync();
        var xml = await login.Idp.ResponseAsync(login.Idp.Assertion(fixture.BaseUrl, "_someone-elses-request", "crossed"));

        var page = await login.PostAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("flow.unknown", page.ErrorCode);
    }

    public static TheoryData<string> Forgeries => ["forged-signature", "wrong-audience", "wrong-recipient", "wrong-destination", "expired", "unsigned", "wrong-issuer"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Login_ResponseFailingACheck_RefusedWithoutSession(string attack)
    {
        // Attack classes: forged signature (another key), token forwarding (an assertion for another SP: audience), misdirected
        // response (recipient, destination), stale assertion (expired),
        // unsigned assertion, another IdP's assertion (issuer).
        var login = await StartAsync();
        var nameId = "attacked-" + Guid.NewGuid().ToString("N");
        var honest = login.Idp.Assertion(fixture.BaseUrl, login.UpstreamRequestId, nameId);
        var xml = attack switch
        {
            "forged-signature" => await login.Idp.ResponseAsync(honest, TestOrganisationIdp.NewCertificate("CN=forger")),
            "wrong-audience" => await login.Idp.ResponseAsync(honest with { Audience = "https://other-sp.example/saml" }),
            "wrong-recipient" => (await login.Idp.ResponseAsync(honest)).Replace($"Recipient=\"{honest.Recipient}\"", "Recipient=\"https://other-sp.example/acs\"", StringComparison.Ordinal),
            "wrong-destination" => await login.Idp.ResponseAsync(honest with { Recipient = "https://other-sp.example/acs" }),
            "expired" => await login.Idp.ResponseAsync(honest with { IssueInstant = DateTimeOffset.UtcNow.AddHours(-2), AuthnInstant = DateTimeOffset.UtcNow.AddHours(-2) }),
            "unsigned" => Unsigned(await login.Idp.ResponseAsync(honest)),
            "wrong-issuer" => await login.Idp.ResponseAsync(honest with { Issuer = "https://other-idp.example" }),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        var outcome = await login.AnswerAsync(xml);

        var response = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message;
        Assert.Equal(SamlConstants.StatusCodes.Responder, response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.AuthnFailed, response.SubStatusCode);
        Assert.Empty(await login.BusinessIdentitiesAsync(Grains, nameId));
    }

    [Fact]
    public async Task Login_ReplayedResponse_Refused()
    {
        // Attack class: replay of a captured Response (same InResponseTo and assertion ID).
        var login = await StartAsync();
        var xml = await login.Idp.ResponseAsync(login.Idp.Assertion(fixture.BaseUrl, login.UpstreamRequestId, "replayed"));
        await login.AnswerAsync(xml);

        var again = await login.PostAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("flow.unknown", again.ErrorCode);
    }

    internal static string Unsigned(string xml)
    {
        var start = xml.IndexOf("<ds:Signature", StringComparison.Ordinal);
        var end = xml.IndexOf("</ds:Signature>", StringComparison.Ordinal) + "</ds:Signature>".Length;
        Assert.True(start > 0 && end > start, "The minted response carries a signature to remove.");
        return xml[..start] + xml[end..];
    }

    // OpenID Connect too: a client asking for the professional scope is offered the organisation's own IdP.
    [Fact]
    public async Task OidcProfessionalScope_OrganisationIdpRegistered_UpstreamChoiceShown()
    {
        var cvr = await CreateAsync(fixture.Admin);
        Assert.Equal(HttpStatusCode.Created, (await RegisterIdpAsync(cvr, await new TestOrganisationIdp("oidc").MetadataAsync(), $"?emailDomain=o{Guid.NewGuid():N}.example")).Status);
        using var browser = new TestBrowser();

        var page = await browser.GetAsync(await ProfessionalAuthorizeUrlAsync(loginHint: null));

        Assert.Contains("name=\"flow\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"username\"", page.Html, StringComparison.Ordinal);
    }

    // Home realm discovery: a login_hint in the organisation's registered e-mail domain goes to its IdP without the choice.
    [Fact]
    public async Task OidcProfessionalScope_LoginHintInRegisteredDomain_StraightToTheOrganisationIdp()
    {
        var cvr = await CreateAsync(fixture.Admin);
        var domain = $"h{Guid.NewGuid():N}.example";
        var idp = new TestOrganisationIdp("hint");
        Assert.Equal(HttpStatusCode.Created, (await RegisterIdpAsync(cvr, await idp.MetadataAsync(), $"?emailDomain={domain}")).Status);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler);

        using var response = await http.GetAsync(await ProfessionalAuthorizeUrlAsync("medarbejder@" + domain), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(idp.SsoUrl, response.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Contains("SAMLRequest=", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    /// <summary>A new OIDC client allowed the professional scope, and an authorization request of it for that scope.</summary>
    private async Task<string> ProfessionalAuthorizeUrlAsync(string? loginHint)
    {
        var clientId = "org-rp-" + Guid.NewGuid().ToString("N")[..8];
        var redirectUri = fixture.BaseUrl + "/rp/callback";
        var registered = await fixture.Admin.SendAsync(HttpMethod.Post, "/api/admin/oidc-clients", System.Net.Http.Json.JsonContent.Create(new
        {
            client_id = clientId,
            client_secret = "an-organisation-rp-secret-of-32-characters",
            redirect_uris = new[] { redirectUri },
            scope = "openid professional",
        }));
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(fixture.BaseUrl + "/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["scope"] = "openid professional",
            ["redirect_uri"] = redirectUri,
            ["state"] = "s",
            ["code_challenge"] = Oidc.OidcBroker.Pkce.New().Challenge,
            ["code_challenge_method"] = "S256",
            ["login_hint"] = loginHint,
        });
    }

    private Task<OrganisationIdpLogin> StartAsync(string maxLoa = "Substantial") => OrganisationIdpLogin.StartAsync(fixture, maxLoa);
}
