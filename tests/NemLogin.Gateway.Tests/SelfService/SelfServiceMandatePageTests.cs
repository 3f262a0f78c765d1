using System.Net;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using Xunit;
using static NemLogin.Gateway.Tests.SelfService.SelfServicePeople;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>
/// A citizen's mandate pages over HTTP without JavaScript: logging in through the broker, granting, listing, revoking,
/// requesting, approving, declining and withdrawing, each seen by both people and by the login query.
/// </summary>
[Collection(SelfServiceCollection.Name)]
public sealed class SelfServiceMandatePageTests(SelfServiceFixture fixture)
{
    private string SystemA => ItSystem.Saml(fixture.SpA.EntityId).Key;

    private string SystemB => ItSystem.Saml(fixture.SpB.EntityId).Key;

    // Rule: the pages are a first-party client of the login core. Without a session the browser goes to MitID and comes
    // back to the page it asked for, and the broker session then serves the pages.
    [Fact]
    public async Task NoSession_GrantForm_LoginThroughMitIdThenBackAtTheForm()
    {
        var (browser, page) = await SelfServiceBrowser.LogInAsync(fixture.BaseUrl, "dorte", SelfServiceBrowser.GrantPath);
        using var _ = browser;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(SelfServiceBrowser.GrantPath, page.Url.AbsolutePath);
        Assert.Empty(page.Url.Query);
        Assert.Contains("<h1>Giv en fuldmagt</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains("Logget ind som Dorte Dahl", page.Html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Html, "<main>"));
        Assert.Contains("default-src 'none'", page.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Html, StringComparison.Ordinal);
    }

    // Rule: NSIS Substantial. carl's MitID reaches Low: a clear page with its code, and no broker session is kept.
    [Fact]
    public async Task Carl_BelowSubstantial_RefusedWithPageAndNoSession()
    {
        var (browser, page) = await SelfServiceBrowser.LogInAsync(fixture.BaseUrl, "carl");
        using var _ = browser;

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("self-service.loa-too-low", page.ErrorCode);
        Assert.Contains("Betydelig", page.Html, StringComparison.Ordinal);
        var again = await browser.GetAsync(SelfServiceBrowser.Root);
        Assert.Contains("name=\"username\"", again.Html, StringComparison.Ordinal);
    }

    // Rule: a grant through the form is a mandate for both people: the grantor's "given", the grantee's "received" and the
    // grantee's login query; lists name people by name and IT systems by name, never a CPR number.
    [Fact]
    public async Task Alice_GrantsDorte_ListedForBothByNameAndFoundAtLogin()
    {
        using var dorte = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "dorte");
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var aliceId = await IdentityAsync(fixture.Grains, Alice);
        var dorteId = await IdentityAsync(fixture.Grains, Dorte);

        var granted = await alice.GrantAsync(Dorte.CprNumber, "dorte  DAHL", [SystemA], validTo: DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"));
        var mandateId = (await GivenAsync(fixture.Grains, aliceId))[^1];
        var given = SelfServiceBrowser.Row(granted, mandateId);
        var received = await dorte.GetAsync(SelfServiceBrowser.Root);

        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal("?done=granted", granted.Url.Query);
        Assert.Contains("Fuldmagten er givet.", granted.Html, StringComparison.Ordinal);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(granted, "given"));
        Assert.Contains("Dorte Dahl", given, StringComparison.Ordinal);
        Assert.Contains("Aktiv", given, StringComparison.Ordinal);
        Assert.Contains("til og med", given, StringComparison.Ordinal);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(received, "received"));
        Assert.Contains("Alice Andersen", SelfServiceBrowser.Row(received, mandateId), StringComparison.Ordinal);
        foreach (var page in new[] { granted, received })
        {
            Assert.DoesNotContain(Alice.CprNumber, page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(Dorte.CprNumber, page.Html, StringComparison.Ordinal);
        }

        var fitting = Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(dorteId).Id).FindForAsync(ItSystem.Saml(fixture.SpA.EntityId)), m => m.MandateId == mandateId);
        Assert.Equal(MandateParty.Person(aliceId), fitting.Grantor);
        // Audited like the admin API's changes: alice's identity as actor, the parties by id, no name or CPR number.
        var record = Assert.Single(await fixture.AuditAsync($"identityId={dorteId}&category=Administration"),
            r => r["detail"]?.GetValue<string>().Contains(mandateId.ToString(), StringComparison.Ordinal) == true);
        Assert.Equal(("mandate.grant", "Success", aliceId.ToString("D")),
            (record["action"]!.GetValue<string>(), record["outcome"]!.GetValue<string>(), record["actor"]!.GetValue<string>()));
        foreach (var personal in new[] { Alice.CprNumber, Dorte.CprNumber, "Alice", "Dorte" })
        {
            Assert.DoesNotContain(personal, record.ToJsonString(), StringComparison.Ordinal);
        }
    }

    // Rule: revoking in the pages takes the mandate out of the grantee's login query at once, and the grantor's list says so.
    [Fact]
    public async Task Alice_RevokesGivenMandate_GoneFromLoginQueryAtOnce()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var (personId, cpr, name) = await fixture.PersonAsync(33);
        await alice.GrantAsync(cpr, name, [SystemB]);
        var mandateId = Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync()).Id;

        var revoked = await alice.ActAsync(mandateId, "tilbagekald");

        Assert.Equal("?done=revoked", revoked.Url.Query);
        Assert.Contains("Tilbagekaldt", SelfServiceBrowser.Row(revoked, mandateId), StringComparison.Ordinal);
        Assert.Equal(MandateStatus.Revoked, (await fixture.Grains.GetGrain<IMandateGrain>(mandateId).GetAsync())!.Status);
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).FindForAsync(ItSystem.Saml(fixture.SpB.EntityId)));
    }

    // Rule: a request waits for the grantor: listed for both, nothing at login until the grantor approves it in their pages.
    [Fact]
    public async Task Bent_RequestsFromAlice_AliceApprovesInHerPages_Active()
    {
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var bentId = await IdentityAsync(fixture.Grains, Bent);
        var index = fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(bentId).Id);
        var before = (await index.ListAsync()).Select(e => e.Id).ToHashSet();

        var requested = await bent.RequestAsync(Alice.CprNumber, Name(Alice), [SystemB]);
        var mandateId = Assert.Single(await index.ListAsync(), e => !before.Contains(e.Id)).Id;
        var atLoginBefore = await index.FindForAsync(ItSystem.Saml(fixture.SpB.EntityId));
        var asked = await alice.GetAsync(SelfServiceBrowser.Root);
        var approved = await alice.ActAsync(mandateId, "godkend");

        Assert.Equal("?done=requested", requested.Url.Query);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(requested, "my-requests"));
        Assert.Contains("Afventer godkendelse", SelfServiceBrowser.Row(requested, mandateId), StringComparison.Ordinal);
        Assert.DoesNotContain(atLoginBefore, m => m.MandateId == mandateId);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(asked, "requested-of-me"));
        Assert.Contains("Bent Bentsen", SelfServiceBrowser.Row(asked, mandateId), StringComparison.Ordinal);
        Assert.Equal("?done=approved", approved.Url.Query);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(approved, "given"));
        Assert.Contains(await index.FindForAsync(ItSystem.Saml(fixture.SpB.EntityId)), m => m.MandateId == mandateId);
        Assert.Contains(mandateId, SelfServiceBrowser.MandateIds(await bent.GetAsync(SelfServiceBrowser.Root), "received"));
    }

    // Rule: the grantor may decline a request and the person who asked may withdraw it; either way it is revoked for good.
    [Theory]
    [InlineData("afvis", "declined")]
    [InlineData("tilbagekald", "withdrawn")]
    public async Task Request_DeclinedByGrantorOrWithdrawnByRequester_Revoked(string action, string done)
    {
        using var dorte = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "dorte");
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var aliceId = await IdentityAsync(fixture.Grains, Alice);
        await dorte.RequestAsync(Alice.CprNumber, Name(Alice), [SystemA]);
        var mandateId = (await GivenAsync(fixture.Grains, aliceId))[^1];

        var answered = action == "afvis" ? await alice.ActAsync(mandateId, action) : await dorte.ActAsync(mandateId, action);

        Assert.Equal("?done=" + done, answered.Url.Query);
        Assert.Equal(MandateStatus.Revoked, (await fixture.Grains.GetGrain<IMandateGrain>(mandateId).GetAsync())!.Status);
        Assert.DoesNotContain(mandateId, SelfServiceBrowser.MandateIds(await dorte.GetAsync(SelfServiceBrowser.Root), "my-requests"));
        Assert.DoesNotContain(mandateId, SelfServiceBrowser.MandateIds(await alice.GetAsync(SelfServiceBrowser.Root), "requested-of-me"));
    }

    // Rule: the same form sent twice (a double click) makes one mandate (its request id).
    [Fact]
    public async Task GrantForm_SentTwice_OneMandate()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var (personId, cpr, name) = await fixture.PersonAsync(50);
        var form = await alice.GetAsync(SelfServiceBrowser.GrantPath);
        var fields = form.Form("mandate-form").Fields.Where(f => f.Key is "csrf" or "requestId")
            .Concat(SelfServiceBrowser.Fields(cpr, name, [SystemA], null, null).Select(f => KeyValuePair.Create(f.Item1, f.Item2))).ToList();

        await alice.Browser.PostFormAsync(fixture.BaseUrl + SelfServiceBrowser.GrantPath, fields);
        await alice.Browser.PostFormAsync(fixture.BaseUrl + SelfServiceBrowser.GrantPath, fields);

        Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync());
    }

    // Rule: Danish by default, English at the language link (remembered), one main landmark either way.
    [Fact]
    public async Task Overview_LanguageLink_EnglishThenRemembered()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");

        var danish = await alice.GetAsync(SelfServiceBrowser.Root);
        var english = await alice.GetAsync(SelfServiceBrowser.Root + "?lang=en");
        var remembered = await alice.GetAsync(SelfServiceBrowser.GrantPath);

        Assert.Contains("<html lang=\"da\">", danish.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Dine fuldmagter</h1>", danish.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/selvbetjening?lang=en\"", danish.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Your mandates</h1>", english.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Grant a mandate</h1>", remembered.Html, StringComparison.Ordinal);
    }

    // Rule: logging out of the pages ends the broker session; the next page asks for a login again.
    [Fact]
    public async Task LogOut_EndsTheBrokerSession()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var overview = await alice.GetAsync(SelfServiceBrowser.Root);

        var loggedOut = await alice.Browser.SubmitAsync(overview, formId: "logout");
        var again = await alice.GetAsync(SelfServiceBrowser.Root);

        Assert.Equal(HttpStatusCode.OK, loggedOut.Status);
        Assert.Contains("name=\"username\"", again.Html, StringComparison.Ordinal);
    }
}
