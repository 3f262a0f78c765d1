using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;
using NemLogin.Saml;
using Xunit;
using A = NemLogin.Saml.SamlConstants.Attributes;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>
/// OIOSAML 3 Professional profile end to end: an employee (bent, of the demo organisation) gets a business identity's
/// assertion with the organisation and only the asking IT system's rights; a person with two employers is asked whom to
/// act as; nobody gets a citizen assertion instead.
/// </summary>
public sealed class ProfessionalLoginTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Bent_ProfessionalAtSpWithoutRights_BusinessIdentityAssertionWithoutPrivileges()
    {
        var bent = await DemoOrganisationData.BentAsync(fixture.Broker);
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.ProfileProfessional);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request), "bent");
        var assertion = fixture.SpA.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value;

        Assert.Equal(SamlConstants.OioSaml.ProfessionalNameIdPrefix + bent.Id, assertion.NameId);
        Assert.Equal([$"urn:uuid:{bent.Id}"], assertion.Attributes[A.ProfessionalUuid]);
        Assert.Equal([DemoOrganisationData.Cvr], assertion.Attributes[A.Cvr]);
        Assert.Equal([DemoOrganisationData.Name], assertion.Attributes[A.OrgName]);
        // Rights belong to the IT system they were granted for: bent's demo-SP right is not SP A's.
        Assert.False(assertion.Attributes.ContainsKey(A.PrivilegesIntermediate));
        Assert.False(assertion.Attributes.ContainsKey(A.DateOfBirth));
        Assert.False(assertion.Attributes.ContainsKey(A.CprUuid));
    }

    [Fact]
    public async Task Bent_ProfessionalAtDemoSp_PrivilegesOfThatSpScopedToTheOrganisation()
    {
        await DemoOrganisationData.BentAsync(fixture.Broker);
        using var browser = new TestBrowser();

        var login = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");
        var posted = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "bent" });
        var shown = await browser.SubmitAsync(posted);

        Assert.Equal(fixture.BaseUrl + "/demo-sp/", shown.Url.ToString());
        Assert.DoesNotContain("demo-error", shown.Html, StringComparison.Ordinal);
        Assert.Contains(SamlConstants.OioSaml.ProfessionalNameIdPrefix, shown.Html, StringComparison.Ordinal);
        var privileges = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(shown.Html, "<pre id=\"privileges\">(.*?)</pre>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value);
        var document = new XmlDocument();
        document.LoadXml(privileges);
        Assert.Equal("PrivilegeList", document.DocumentElement!.LocalName);
        Assert.Equal("http://digst.dk/oiosaml/basic_privilege_profile", document.DocumentElement.NamespaceURI);
        var group = (XmlElement)document.DocumentElement.SelectSingleNode("PrivilegeGroup")!;
        Assert.Equal("urn:dk:gov:saml:cvrNumberIdentifier:" + DemoOrganisationData.Cvr, group.GetAttribute("Scope"));
        Assert.Equal(DemoOrganisationData.CaseWorkerPrivilege, group.SelectSingleNode("Privilege")!.InnerText);
    }

    // Rule: a citizen session does not become a business assertion, and a person without a business identity is told so.
    [Fact]
    public async Task Alice_ProfessionalRequested_NoAuthnContextAfterHerLogin()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpB.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.ProfileProfessional);

        var outcome = await SamlLoginWalk.RunAsync(browser, await fixture.SpB.RedirectUrlAsync(fixture.SsoUrl, request), "alice");

        Assert.True(outcome.SawLoginPage);
        StatusResponse.AssertSigned(outcome, fixture.SpB, request.Id, fixture.IdpMetadata, SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext);
        Assert.DoesNotContain("Assertion", outcome.ResponseXml, StringComparison.Ordinal);
    }
}

/// <summary>The login page's "whom do you act as": bent, employed by a second organisation too, chooses.</summary>
public sealed class ActingAsChoiceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task TwoEmployers_AskedWhomToActAs_AssertionForTheChosenOrganisation()
    {
        var second = await SecondEmployerAsync();
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.ProfileProfessional);

        var login = await browser.GetAsync(await fixture.SpA.RedirectUrlAsync(fixture.SsoUrl, request));
        var question = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "bent" });

        Assert.Contains("/login/act-as/", question.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(DemoOrganisationData.Name, question.Html, StringComparison.Ordinal);
        Assert.Contains(DemoOrganisationData.SecondEmployerName, question.Html, StringComparison.Ordinal);

        // Class: acting as an identity that was not offered (a forged choice) — asked again, nothing asserted.
        var forged = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = Guid.NewGuid().ToString() });
        Assert.Equal(400, (int)forged.Status);
        Assert.Contains("choice-error", forged.Html, StringComparison.Ordinal);

        var answered = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = second.Id.ToString() });
        Assert.True(answered.HasForm && answered.Form().Fields.ContainsKey("SAMLResponse"), $"{(int)answered.Status} at {answered.Url}");
        var xml = NemLogin.Saml.Bindings.PostBinding.Decode(answered.Form().Fields["SAMLResponse"], SamlLimits.Default);
        var assertion = fixture.SpA.Validate(xml, request.Id, fixture.IdpMetadata).Value;
        Assert.Equal(SamlConstants.OioSaml.ProfessionalNameIdPrefix + second.Id, assertion.NameId);
        Assert.Equal([second.Cvr], assertion.Attributes[A.Cvr]);

        // The flow was answered once: the same answer again finds nothing.
        var again = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = second.Id.ToString() });
        Assert.Equal(400, (int)again.Status);
    }

    private async Task<(Guid Id, string Cvr)> SecondEmployerAsync() =>
        (await DemoOrganisationData.AddSecondEmployerAsync(fixture.Broker), DemoOrganisationData.SecondEmployerCvr);
}
