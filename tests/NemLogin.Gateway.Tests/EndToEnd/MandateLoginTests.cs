using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Mandates;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>
/// Fuldmagt at login, end to end with the demo data (README): alice has given bent a mandate for the demo SP. Bent's login
/// there asks whom he acts for; acting for alice, the assertion keeps bent's own NameID and carries the demo SP's
/// privileges scoped to alice; revoked, the next login asks nothing and carries none.
/// </summary>
public sealed class MandateLoginTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string AliceCpr = "1203859901";

    [Fact]
    public async Task Bent_AtDemoSp_ActsForAliceThenRevokedMandateGone()
    {
        var mandateId = await DemoMandateAsync();
        using var browser = new TestBrowser();

        var question = await LoginAsBentAsync(browser);
        Assert.Contains("/login/act-as/", question.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Alice Andersen (fuldmagt)", question.Html, StringComparison.Ordinal);
        Assert.Contains("Mig selv", question.Html, StringComparison.Ordinal);
        var posted = await browser.SubmitAsync(question, new Dictionary<string, string> { ["acting_as"] = mandateId.ToString() });
        var shown = await browser.SubmitAsync(posted);

        Assert.Equal(fixture.BaseUrl + "/demo-sp/", shown.Url.ToString());
        Assert.Contains("https://data.gov.dk/model/core/eid/person/uuid/", shown.Html, StringComparison.Ordinal);
        var privileges = System.Net.WebUtility.HtmlDecode(Regex.Match(shown.Html, "<pre id=\"privileges\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Contains("Scope=\"urn:dk:gov:saml:cprNumberIdentifier:" + AliceCpr + "\"", privileges, StringComparison.Ordinal);
        Assert.Contains(DemoOrganisationData.CaseWorkerPrivilege, privileges, StringComparison.Ordinal);

        // Revoked: the next login (a new browser) asks nothing and carries no privileges.
        await fixture.Broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IMandateGrain>(mandateId).RevokeAsync("revoke-in-test");
        using var next = new TestBrowser();
        var direct = await LoginAsBentAsync(next);
        Assert.DoesNotContain("/login/act-as/", direct.Url.AbsolutePath, StringComparison.Ordinal);
        var again = await next.SubmitAsync(direct);
        Assert.Contains("logged in", again.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"privileges\"", again.Html, StringComparison.Ordinal);
    }

    private async Task<TestBrowser.Page> LoginAsBentAsync(TestBrowser browser)
    {
        var login = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login");
        return await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "bent" });
    }

    /// <summary>The seeded mandate's id, once the demo seeder made it (it runs after start).</summary>
    private async Task<Guid> DemoMandateAsync()
    {
        var bent = await DemoOrganisationData.BentAsync(fixture.Broker);
        var index = fixture.Broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IMandateIndexGrain>(MandateParty.Person(bent.PersonId!.Value).Id);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            if ((await index.ListAsync()).FirstOrDefault() is { } entry)
            {
                return entry.Id;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The demo mandate was not seeded within 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
