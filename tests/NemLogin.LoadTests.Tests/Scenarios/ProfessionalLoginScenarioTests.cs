using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Parties;
using NemLogin.LoadTests.Scenarios.Professional;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Privileges;
using Xunit;

namespace NemLogin.LoadTests.Tests.Scenarios;

public sealed class ProfessionalLoginScenarioTests
{
    private static readonly LoadOrganisation Organisation = new("39900001", "Load Organisation 01 ApS", "bent", 2);
    private static readonly VirtualServiceProvider Sp = VirtualServiceProvider.Create("sp-001", "https://sp.test");

    [Fact]
    public void ActingAsChoices_ReadFromTheBrokersPage_WithValueCvrAndLabel()
    {
        const string Html = """
            <p><a href="?lang=en">English</a></p>
            <form method="post" action="/login/act-as/flow1">
            <fieldset><legend>Organisation</legend><div><input type="radio" id="acting-0" name="acting_as" value="0b6b1c0e-0000-4000-8000-000000000001" required>
            <label for="acting-0">Demo &amp; Co <span class="code">CVR 12345674</span></label></div><div><input type="radio" id="acting-1" name="acting_as" value="0b6b1c0e-0000-4000-8000-000000000002" required>
            <label for="acting-1">Load Organisation 01 ApS <span class="code">CVR 39900001</span></label></div></fieldset>
            <button type="submit">Continue</button>
            </form>
            """;
        var page = new HttpPage(new Uri("http://127.0.0.1:5099/login/act-as/flow1"), 200, null, Html, Html.Length);

        var choices = ActingAsChoice.Read(page);

        Assert.Equal(
            [new ActingAsChoice("0b6b1c0e-0000-4000-8000-000000000001", "12345674", "Demo & Co CVR 12345674"), new ActingAsChoice("0b6b1c0e-0000-4000-8000-000000000002", "39900001", "Load Organisation 01 ApS CVR 39900001")],
            choices);
        Assert.Equal(new Uri("http://127.0.0.1:5099/login/act-as/flow1"), HtmlForm.Find(page)!.Action);
    }

    [Fact]
    public void Check_ProfessionalAssertionOfTheChosenOrganisation_IsOk() =>
        Assert.True(ProfessionalLoginScenario.Check(Assertion(), Sp, Organisation).IsOk);

    [Fact]
    public void Check_CitizenAssertion_Fails() =>
        Assert.Equal("assertion.not-professional", ProfessionalLoginScenario.Check(Assertion() with { NameId = SamlConstants.OioSaml.PersonNameIdPrefix + Guid.NewGuid() }, Sp, Organisation).Status);

    [Fact]
    public void Check_OtherOrganisation_Fails() =>
        Assert.Equal("assertion.wrong-organisation", ProfessionalLoginScenario.Check(Assertion(cvr: "39900002"), Sp, Organisation).Status);

    [Fact]
    public void Check_OtherPrivilegeCount_Fails() =>
        Assert.Equal("assertion.wrong-privileges", ProfessionalLoginScenario.Check(Assertion(privileges: 3), Sp, Organisation).Status);

    [Fact]
    public void Check_NoPrivileges_Fails()
    {
        var assertion = Assertion();
        var attributes = assertion.Attributes.Where(a => a.Key != SamlConstants.Attributes.PrivilegesIntermediate).ToDictionary();

        Assert.Equal("assertion.no-privileges", ProfessionalLoginScenario.Check(assertion with { Attributes = attributes }, Sp, Organisation).Status);
    }

    private static SamlAssertion Assertion(string cvr = "39900001", int privileges = 2) => new()
    {
        Id = "_a",
        Issuer = "https://broker.test",
        NameId = SamlConstants.OioSaml.ProfessionalNameIdPrefix + Guid.NewGuid(),
        NameIdFormat = SamlConstants.NameIdFormats.Persistent,
        AuthnInstant = DateTimeOffset.UtcNow,
        NotBefore = DateTimeOffset.UtcNow,
        NotOnOrAfter = DateTimeOffset.UtcNow.AddMinutes(5),
        Attributes = new Dictionary<string, IReadOnlyList<string>>
        {
            [SamlConstants.Attributes.Cvr] = [cvr],
            [SamlConstants.Attributes.OrgName] = ["Load Organisation 01 ApS"],
            [SamlConstants.Attributes.ProfessionalUuid] = [Guid.NewGuid().ToString()],
            [SamlConstants.Attributes.PrivilegesIntermediate] = [BasicPrivilegeProfile.WriteBase64([
                new PrivilegeGroup("urn:dk:gov:saml:cvrNumberIdentifier:" + cvr, ProfessionalPopulation.Privileges("sp-001", privileges), [])])],
        },
    };
}
