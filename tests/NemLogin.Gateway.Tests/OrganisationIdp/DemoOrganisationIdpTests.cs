using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.OrganisationIdps;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using Xunit;

namespace NemLogin.Gateway.Tests.OrganisationIdp;

/// <summary>
/// The embedded host's demo organisation IdP (README, the demo organisation IdP) over HTTP without JavaScript: the demo SP's
/// Professional login meets the upstream choice page, "my organisation" with the employee's e-mail leads to the demo IdP's
/// login form, and the employee comes back to the demo SP as the demo organisation's business identity with its right —
/// the demo IdP's assertion encrypted to the broker's encryption key on the way.
/// </summary>
public sealed partial class DemoOrganisationIdpTests(DemoOrganisationIdpFixture fixture) : IClassFixture<DemoOrganisationIdpFixture>
{
    [Fact]
    public async Task DemoSpProfessionalLogin_ThroughTheDemoOrganisationIdp_BusinessIdentityWithOrganisationAndPrivileges()
    {
        using var browser = new TestBrowser();

        var choice = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");
        Assert.Contains("name=\"organisation\"", choice.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"da\"", choice.Html, StringComparison.Ordinal);
        Assert.Single(MainRegex().Matches(choice.Html));

        var idpPage = await browser.SubmitAsync(choice, new Dictionary<string, string> { ["organisation"] = DemoOrganisationIdpFixture.EmployeeEmail }, "choice", "organisation");
        Assert.Equal(HttpStatusCode.OK, idpPage.Status);
        Assert.Equal("/demo-org-idp/sso", idpPage.Url.AbsolutePath);
        Assert.Contains("<label for=\"email\">", idpPage.Html, StringComparison.Ordinal);

        var toBroker = await browser.SubmitAsync(idpPage, new Dictionary<string, string> { ["email"] = DemoOrganisationIdpFixture.EmployeeEmail });
        Assert.Equal(fixture.BaseUrl + "/upstream/org/acs", toBroker.Form().Action);

        // The demo IdP encrypts to the key the broker's SP metadata offers, and its registration requires it.
        var posted = PostBinding.Decode(toBroker.Form().Fields["SAMLResponse"], SamlLimits.Default);
        Assert.Contains("EncryptedAssertion", posted, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoOrganisationIdpFixture.EmployeeEmail, posted, StringComparison.Ordinal);
        Assert.DoesNotContain(NemLogin.Demo.DemoOrganisationIdp.DemoOrganisationIdp.EmployeeNameId, posted, StringComparison.Ordinal);
        var registration = await fixture.Broker.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IOrganisationIdpGrain>(DemoOrganisationData.Cvr).GetAsync();
        Assert.True(registration!.Registration.RequireEncryption);
        var toSp = await browser.SubmitAsync(toBroker);
        Assert.Equal(fixture.BaseUrl + "/demo-sp/acs", toSp.Form().Action);
        var shown = await browser.SubmitAsync(toSp);

        Assert.Equal(fixture.BaseUrl + "/demo-sp/", shown.Url.ToString());
        Assert.DoesNotContain("demo-error", shown.Html, StringComparison.Ordinal);
        var nameId = WebUtility.HtmlDecode(NameIdRegex().Match(shown.Html).Groups[1].Value);
        Assert.StartsWith(SamlConstants.OioSaml.ProfessionalNameIdPrefix, nameId, StringComparison.Ordinal);
        Assert.Contains(">" + DemoOrganisationData.Cvr + "<", shown.Html, StringComparison.Ordinal);
        Assert.Contains(DemoOrganisationData.Name, shown.Html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(DemoOrganisationData.CaseWorkerPrivilege), shown.Html, StringComparison.Ordinal);

        // The business identity asserted is the demo organisation's, bound to the person the IdP's NameID resolves to.
        var grains = fixture.Broker.Services.GetRequiredService<IGrainFactory>();
        var identity = await grains.GetGrain<IBusinessIdentityGrain>(Guid.Parse(nameId[SamlConstants.OioSaml.ProfessionalNameIdPrefix.Length..])).GetAsync();
        Assert.NotNull(identity);
        Assert.Equal(DemoOrganisationData.Cvr, identity.Cvr);
        var person = await grains.GetGrain<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(
            fixture.BaseUrl + "/demo-org-idp", NemLogin.Demo.DemoOrganisationIdp.DemoOrganisationIdp.EmployeeNameId)).ResolveIdentityAsync();
        Assert.Equal(person, identity.PersonId);
    }

    [Fact]
    public async Task ChoicePage_LanguageLink_SameChoiceInEnglish()
    {
        using var browser = new TestBrowser();
        var choice = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");
        var link = WebUtility.HtmlDecode(LanguageLinkRegex().Match(choice.Html).Groups[1].Value);
        Assert.StartsWith("/login/upstream/", link, StringComparison.Ordinal);

        var english = await browser.GetAsync(fixture.BaseUrl + link);

        Assert.Contains("<html lang=\"en\"", english.Html, StringComparison.Ordinal);
        Assert.Contains("Log in through your organisation", english.Html, StringComparison.Ordinal);
        Assert.Equal(choice.Form().Fields["flow"], english.Form().Fields["flow"]);
        // Another browser (no binding cookie) is not shown the flow's page.
        using var other = new TestBrowser();
        Assert.Equal("flow.unknown", (await other.GetAsync(fixture.BaseUrl + link)).ErrorCode);
    }

    [Fact]
    public async Task DemoIdp_UnknownEmployee_FormAgainWithError()
    {
        using var browser = new TestBrowser();
        var choice = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");
        var idpPage = await browser.SubmitAsync(choice, new Dictionary<string, string> { ["organisation"] = DemoOrganisationIdpFixture.EmployeeEmail }, "choice", "organisation");

        var again = await browser.SubmitAsync(idpPage, new Dictionary<string, string> { ["email"] = "someone-else@demo-erhverv.example" });

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("aria-invalid=\"true\"", again.Html, StringComparison.Ordinal);
    }

    // Attack class: an AuthnRequest the broker did not sign (tampered in transit) gets no login form and no answer.
    [Fact]
    public async Task DemoIdp_TamperedRequest_Refused()
    {
        using var browser = new TestBrowser();
        var choice = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");
        var idpPage = await browser.SubmitAsync(choice, new Dictionary<string, string> { ["organisation"] = DemoOrganisationIdpFixture.EmployeeEmail }, "choice", "organisation");
        var query = idpPage.Url.Query;
        var tampered = Regex.Replace(query, "Signature=([A-Za-z0-9%])", m => "Signature=" + (m.Groups[1].Value == "A" ? "B" : "A"));
        Assert.NotEqual(query, tampered);

        var refused = await browser.GetAsync(fixture.BaseUrl + "/demo-org-idp/sso" + tampered);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("id=\"demo-org-idp-error\"", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("SAMLResponse", refused.Html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<main[ >]")]
    private static partial Regex MainRegex();

    [GeneratedRegex("<span class=\"code\" id=\"name-id\">([^<]*)</span>")]
    private static partial Regex NameIdRegex();

    [GeneratedRegex("<a href=\"([^\"]*lang=en)\"")]
    private static partial Regex LanguageLinkRegex();
}
