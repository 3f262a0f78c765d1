using System.Net;
using NemLogin.Demo.DemoSp;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static NemLogin.Gateway.Tests.SelfService.SelfServicePeople;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>
/// What the self-service pages refuse, each with a clear page or the form again with its code, and nothing changed:
/// cross-site request forgery (CSRF), insecure direct object references (IDOR: another person's mandate by id), a change
/// without a session, and every validation error of the grant and request forms.
/// </summary>
[Collection(SelfServiceCollection.Name)]
public sealed class SelfServiceRefusalTests(SelfServiceFixture fixture)
{
    private string SystemA => ItSystem.Saml(fixture.SpA.EntityId).Key;

    // CSRF: a form posted without the token (as another site's form would be) is refused before anything is read.
    [Fact]
    public async Task Csrf_GrantWithoutToken_RefusedAndNothingStored()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var (personId, cpr, name) = await fixture.PersonAsync(40);

        var page = await alice.SendMandateFormAsync(SelfServiceBrowser.GrantPath, SelfServiceBrowser.Fields(cpr, name, [SystemA], null, null), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("self-service.form-invalid", page.ErrorCode);
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync());
        var aliceId = (await IdentityAsync(fixture.Grains, Alice)).ToString("D");
        var refusals = await fixture.AuditAsync("category=Refusal");
        Assert.Contains(refusals, r => r["code"]?.GetValue<string>() == "self-service.form-invalid" && r["actor"]?.GetValue<string>() == aliceId);
    }

    // CSRF: a token is tied to its browser and session. An attacker's own valid token (bent's) in a form alice's browser
    // posts does not pass, and neither does a made-up one.
    [Theory]
    [InlineData("another-persons-token")]
    [InlineData("made-up-token")]
    public async Task Csrf_RevokeWithForeignToken_RefusedAndStillActive(string token)
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        using var bent = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "bent");
        var (personId, cpr, name) = await fixture.PersonAsync(41);
        await alice.GrantAsync(cpr, name, [SystemA]);
        var mandateId = Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync()).Id;
        var forged = token == "made-up-token" ? "CfDJ8" + new string('A', 150) : SelfServiceBrowser.Token(await bent.GetAsync(SelfServiceBrowser.Root));

        var page = await alice.Browser.PostFormAsync($"{fixture.BaseUrl}{SelfServiceBrowser.Root}/fuldmagter/{mandateId}/tilbagekald",
            new Dictionary<string, string> { ["csrf"] = forged, ["requestId"] = "forged-1" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("self-service.form-invalid", page.ErrorCode);
        Assert.Equal(MandateStatus.Active, (await fixture.Grains.GetGrain<IMandateGrain>(mandateId).GetAsync())!.Status);
    }

    // CSRF: a token from before a logout belongs to the ended session; after logging in again it is refused.
    [Fact]
    public async Task Csrf_TokenFromAnEarlierSession_Refused()
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var (personId, cpr, name) = await fixture.PersonAsync(42);
        var oldForm = await alice.GetAsync(SelfServiceBrowser.GrantPath);
        var oldFields = oldForm.Form("mandate-form").Fields.Where(f => f.Key is "csrf" or "requestId").ToList();
        await alice.Browser.SubmitAsync(oldForm, formId: "logout");
        var login = await alice.GetAsync(SelfServiceBrowser.Root);
        await alice.Browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "alice" });

        var page = await alice.Browser.PostFormAsync(fixture.BaseUrl + SelfServiceBrowser.GrantPath,
            oldFields.Concat(SelfServiceBrowser.Fields(cpr, name, [SystemA], null, null).Select(f => KeyValuePair.Create(f.Item1, f.Item2))));

        Assert.Equal("self-service.form-invalid", page.ErrorCode);
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync());
    }

    // IDOR: a mandate named by id that is not the person's to change. bent holds alice's demo mandate (the grantee may not
    // revoke it), dorte is no party to it, and neither may approve another grantor's request: a page, an audit record,
    // and the mandate unchanged.
    [Theory]
    [InlineData("bent", "tilbagekald", false)]
    [InlineData("dorte", "tilbagekald", false)]
    [InlineData("dorte", "godkend", true)]
    [InlineData("bent", "afvis", true)]
    public async Task Idor_AnotherPersonsMandateById_RefusedAndUnchanged(string user, string action, bool request)
    {
        var aliceId = await IdentityAsync(fixture.Grains, Alice);
        var mandateId = request ? await AliceAskedAsync() : await DemoMandateAsync(aliceId);
        var before = await fixture.Grains.GetGrain<IMandateGrain>(mandateId).GetAsync();
        using var attacker = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, user);

        var page = await attacker.PostWithOwnTokenAsync($"{SelfServiceBrowser.Root}/fuldmagter/{mandateId}/{action}");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("self-service.not-yours", page.ErrorCode);
        Assert.Equal(before, await fixture.Grains.GetGrain<IMandateGrain>(mandateId).GetAsync());
        var records = await fixture.AuditAsync("category=Administration");
        Assert.Contains(records, r => r["code"]?.GetValue<string>() == "self-service.not-yours" && r["detail"]?.GetValue<string>() == $"mandate {mandateId}");
    }

    // IDOR: an id that names no mandate (or is no id) gets the same page as another person's.
    [Theory]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    [InlineData("not-a-mandate")]
    public async Task Idor_UnknownMandateId_SamePage(string id)
    {
        using var dorte = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "dorte");

        var page = await dorte.PostWithOwnTokenAsync($"{SelfServiceBrowser.Root}/fuldmagter/{id}/tilbagekald");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("self-service.not-yours", page.ErrorCode);
    }

    // A change without a broker session (ended, or never there) is refused with a page; no login is started for a POST.
    [Fact]
    public async Task NoSession_Post_RefusedNothingChanged()
    {
        using var anonymous = new SelfServiceBrowser(fixture.BaseUrl);
        var (personId, cpr, name) = await fixture.PersonAsync(43);

        var page = await anonymous.Browser.PostFormAsync(fixture.BaseUrl + SelfServiceBrowser.GrantPath,
            SelfServiceBrowser.Fields(cpr, name, [SystemA], null, null).Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Equal("session.none", page.ErrorCode);
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync());
    }

    // Validation: each error is shown on the form with its code's text, linked from the summary to its field, and nothing
    // is stored for anyone.
    [Theory]
    [InlineData("person-unknown", "mandate.person-unknown", "cpr")]
    [InlineData("name-wrong", "mandate.person-unknown", "cpr")]
    [InlineData("cpr-malformed", "self-service.field-invalid", "cpr")]
    [InlineData("name-missing", "self-service.field-invalid", "name")]
    [InlineData("no-system", "mandate.systems-invalid", "system-0")]
    [InlineData("system-unknown", "mandate.it-system-unknown", "system-0")]
    [InlineData("privilege-unknown", "mandate.privilege-unknown", "system-0")]
    [InlineData("valid-to-past", "mandate.validity-invalid", "valid-to")]
    [InlineData("date-malformed", "self-service.field-invalid", "valid-to")]
    [InlineData("to-self", "mandate.party-invalid", "cpr")]
    [InlineData("grantor-under-15", "mandate.grantor-under-age", "cpr")]
    public async Task Form_Invalid_ShownWithCodeAndNothingStored(string defect, string code, string field)
    {
        using var alice = await SelfServiceBrowser.LoggedInAsync(fixture.BaseUrl, "alice");
        var aliceId = await IdentityAsync(fixture.Grains, Alice);
        var (personId, cpr, name) = await fixture.PersonAsync(defect == "grantor-under-15" ? 14 : 44);
        var given = await GivenAsync(fixture.Grains, aliceId);
        var demoSp = ItSystem.Saml(fixture.Broker.Services.GetRequiredService<DemoServiceProvider>().EntityId).Key;
        var fields = SelfServiceBrowser.Fields(
            defect switch { "person-unknown" => "0101001234", "cpr-malformed" => "12345", "to-self" => Alice.CprNumber, _ => cpr },
            defect switch { "name-wrong" => "Test Persson", "name-missing" => " ", "to-self" => Name(Alice), _ => name },
            defect switch { "no-system" => [], "system-unknown" => ["saml|https://unknown.test/saml"], "privilege-unknown" => [], _ => [SystemA] },
            defect switch { "valid-to-past" => DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd"), "date-malformed" => "31/12/2030", _ => null },
            defect == "privilege-unknown" ? ["urn:example:not-in-the-catalogue " + demoSp] : null);

        // Asking a 14-year-old for a mandate names a grantor who may not grant one.
        var page = await alice.SendMandateFormAsync(defect == "grantor-under-15" ? SelfServiceBrowser.RequestPath : SelfServiceBrowser.GrantPath, fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains($"data-error-code=\"{code}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"error-summary\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{field}\">", page.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(given, await GivenAsync(fixture.Grains, aliceId));
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(personId).Id).ListAsync());
        Assert.Empty(await GivenAsync(fixture.Grains, personId));
    }

    // The demo mandate: alice for bent at the demo SP.
    private async Task<Guid> DemoMandateAsync(Guid aliceId)
    {
        var bentId = await IdentityAsync(fixture.Grains, Bent);
        var entries = await fixture.Grains.GetGrain<IMandateIndexGrain>(MandateParty.Person(bentId).Id).ListAsync();
        return entries.First(e => e.Grantor == MandateParty.Person(aliceId) && e.Status == MandateStatus.Active).Id;
    }

    // A request to alice from a person who is not a simulator user, waiting for her approval.
    private async Task<Guid> AliceAskedAsync()
    {
        var aliceId = await IdentityAsync(fixture.Grains, Alice);
        var (personId, _, _) = await fixture.PersonAsync(45);
        var details = new MandateDetails(MandateParty.Person(aliceId), MandateParty.Person(personId), [new MandateSystem(ItSystem.Saml(fixture.SpA.EntityId), [])], null, null);
        return (await fixture.Grains.GetGrain<IMandateGrantorGrain>(MandateParty.Person(aliceId).Id).RequestAsync("idor-" + Guid.NewGuid().ToString("N"), details)).Id;
    }
}
