using System.Net;
using System.Text;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.OrganisationIdp;

/// <summary>
/// A login through an organisation's own IdP, driven up to the moment the IdP answers: a new organisation with a new
/// <see cref="TestOrganisationIdp"/> registered, the SP's Professional request, the choice page, "my organisation", and the
/// broker's signed AuthnRequest read at the IdP. <see cref="AnswerAsync"/> posts the IdP's Response to the broker's ACS.
/// </summary>
public sealed record OrganisationIdpLogin(
    string Cvr, TestOrganisationIdp Idp, TestBrowser Browser, AuthnRequest Request, string UpstreamRequestId, string? RelayState, string BaseUrl)
{
    /// <summary>Registers the IdP (<paramref name="registrationQuery"/> adds query parameters such as <c>&amp;requireEncryption=true</c>) and starts the login.</summary>
    public static async Task<OrganisationIdpLogin> StartAsync(
        AdminFixture fixture, string maxLoa = "Substantial", string spLoa = SamlConstants.OioSaml.LoaSubstantial, string registrationQuery = "")
    {
        var cvr = await CreateAsync(fixture.Admin);
        var idp = new TestOrganisationIdp("login");
        var domain = $"d{Guid.NewGuid():N}.example";
        var registered = await fixture.Admin.SendAsync(HttpMethod.Put, Path(cvr, "idp") + $"?maxLoa={maxLoa}&emailDomain={domain}{registrationQuery}",
            new StringContent(await idp.MetadataAsync(), Encoding.UTF8, AdminClient.MetadataMediaType));
        Assert.Equal(HttpStatusCode.Created, registered.Status);

        var browser = new TestBrowser();
        // Only a request for the Professional profile is offered the organisation's own IdP.
        var request = fixture.FileSp.NewRequest(fixture.SsoUrl, spLoa) with
        {
            RequestedAuthnContext = new RequestedAuthnContext("minimum", [spLoa, SamlConstants.OioSaml.ProfileProfessional]),
        };
        var choice = await browser.GetAsync(await fixture.FileSp.RedirectUrlAsync(fixture.SsoUrl, request, "sp-state"));
        Assert.True(choice.Html.Contains("name=\"flow\"", StringComparison.Ordinal), $"Expected the upstream choice page, got {(int)choice.Status}: {choice.Url} {choice.Html[..Math.Min(1500, choice.Html.Length)]}");

        // The org IdP lives on no real host: the redirect to it is read, not followed.
        using var noRedirect = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false });
        using var chosen = await noRedirect.PostAsync(fixture.BaseUrl + "/login/upstream", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["flow"] = choice.Form().Fields["flow"],
            ["choice"] = "organisation",
            ["organisation"] = "someone@" + domain.ToUpperInvariant(),
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var location = chosen.Headers.Location!.ToString();
        Assert.StartsWith(idp.SsoUrl + "?", location, StringComparison.Ordinal);

        var message = RedirectBinding.Decode(location[(location.IndexOf('?', StringComparison.Ordinal) + 1)..], SamlLimits.Default);
        RedirectBinding.VerifySignature(message, fixture.IdpMetadata.SigningCertificates, NemLogin.Saml.Signatures.SignaturePolicy.Default, DateTimeOffset.UtcNow);
        var upstreamRequest = AuthnRequestXml.Read(message.Xml, SamlLimits.Default).Message;
        Assert.Equal(fixture.BaseUrl + "/upstream/org/metadata", upstreamRequest.Issuer);
        return new OrganisationIdpLogin(cvr, idp, browser, request, upstreamRequest.Id, message.RelayState, fixture.BaseUrl);
    }

    /// <summary>The business identities of the person the IdP's <paramref name="nameId"/> resolves to (none unless a login succeeded).</summary>
    public async Task<System.Collections.Immutable.ImmutableArray<BusinessIdentityEntry>> BusinessIdentitiesAsync(IGrainFactory grains, string nameId)
    {
        var person = await grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(Idp.EntityId, nameId)).ResolveIdentityAsync();
        return await grains.GetGrain<IBusinessIdentityIndexGrain>(person).ListAsync();
    }

    /// <summary>Posts the org IdP's Response to the broker's ACS as the browser would.</summary>
    public Task<TestBrowser.Page> PostAsync(string responseXml) =>
        Browser.PostFormAsync(BaseUrl + "/upstream/org/acs", new Dictionary<string, string> { ["SAMLResponse"] = PostBinding.Encode(responseXml) });

    /// <summary>Posts the org IdP's Response to the broker's ACS and reads what the broker posts on to the SP.</summary>
    public async Task<SamlLoginWalk.Outcome> AnswerAsync(string responseXml)
    {
        var page = await PostAsync(responseXml);
        Assert.True(page.HasForm, $"Expected the broker's POST form, got {(int)page.Status}: {page.ErrorCode} {page.Html[..Math.Min(400, page.Html.Length)]}");
        var form = page.Form();
        return new SamlLoginWalk.Outcome(PostBinding.Decode(form.Fields["SAMLResponse"], SamlLimits.Default), form.Fields.GetValueOrDefault("RelayState"), false, page);
    }
}
