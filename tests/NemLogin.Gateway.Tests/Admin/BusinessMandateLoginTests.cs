using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.DemoSp;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// Fuldmagt for organisations at the Professional login: a client organisation grants the demo organisation (bent's
/// employer) a business mandate for the demo SP through the admin API; bent, who has a right at the demo SP, is asked whom
/// he acts as (his organisation, or the client under the mandate); acting for the client, the assertion keeps his business
/// identity's NameID and carries the demo SP's privileges scoped to the client's CVR. Revoked, the next login asks nothing.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class BusinessMandateLoginTests(AdminFixture fixture)
{
    [Fact]
    public async Task Bent_EmployerHoldsClientsMandate_ActsForTheClientThenRevokedGone()
    {
        await fixture.Broker.Services.GetRequiredService<DemoOrganisationSeeder>().Seeded;
        var bent = await DemoOrganisationData.BentAsync(fixture.Broker);
        var client = NewCvr();
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.ChangeAsync(HttpMethod.Put, Path(client), Organisation(name: "Klient Revision A/S"), NewKey())).Status);
        var granted = await fixture.Admin.ChangeAsync(HttpMethod.Post, "/api/admin/mandates", new
        {
            grantor = new { cvr = client },
            grantee = new { cvr = DemoOrganisation.Cvr },
            serviceProviders = new[] { fixture.Broker.Services.GetRequiredService<DemoServiceProvider>().EntityId },
        }, null);
        Assert.Equal(HttpStatusCode.Created, granted.Status);
        var mandateId = granted.Json["id"]!.GetValue<string>();
        try
        {
            using var browser = new TestBrowser();
            var question = await LoginAsBentAsync(browser);
            Assert.Contains("/login/act-as/", question.Url.AbsolutePath, StringComparison.Ordinal);
            Assert.Contains("Klient Revision A/S (fuldmagt)", question.Html, StringComparison.Ordinal);
            Assert.Contains(DemoOrganisationData.Name, question.Html, StringComparison.Ordinal);
            var posted = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = mandateId });
            var shown = await browser.SubmitAsync(posted);

            Assert.Equal(fixture.BaseUrl + "/demo-sp/", shown.Url.ToString());
            Assert.Contains(SamlConstants.OioSaml.ProfessionalNameIdPrefix + bent.Id, shown.Html, StringComparison.Ordinal);
            var privileges = WebUtility.HtmlDecode(Regex.Match(shown.Html, "<pre id=\"privileges\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
            Assert.Contains("Scope=\"urn:dk:gov:saml:cvrNumberIdentifier:" + client + "\"", privileges, StringComparison.Ordinal);
            Assert.DoesNotContain("cvrNumberIdentifier:" + DemoOrganisation.Cvr, privileges, StringComparison.Ordinal);
            Assert.Contains(DemoOrganisationData.CaseWorkerPrivilege, privileges, StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.SendAsync(HttpMethod.Delete, "/api/admin/mandates/" + mandateId, null)).Status);
        }

        // Revoked: the next login (a new browser) asks nothing and carries the organisation's own right again.
        using var next = new TestBrowser();
        var direct = await LoginAsBentAsync(next);
        Assert.DoesNotContain("/login/act-as/", direct.Url.AbsolutePath, StringComparison.Ordinal);
        var again = await next.SubmitAsync(direct);
        Assert.Contains("cvrNumberIdentifier:" + DemoOrganisation.Cvr, WebUtility.HtmlDecode(again.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("cvrNumberIdentifier:" + client, WebUtility.HtmlDecode(again.Html), StringComparison.Ordinal);
    }

    private async Task<TestBrowser.Page> LoginAsBentAsync(TestBrowser browser)
    {
        var login = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");

        // Organisations' own IdPs registered by other tests of this collection put the upstream choice first: MitID.
        if (login.Html.Contains("name=\"choice\"", StringComparison.Ordinal))
        {
            login = await browser.SubmitAsync(login, null, "choice", "mitid");
        }

        return await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "bent" });
    }
}
