using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Scenarios.Mandates;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Privileges;
using Xunit;

namespace NemLogin.LoadTests.Tests.Scenarios;

public sealed class MandateLoginScenarioTests
{
    private const string CprScope = "urn:dk:gov:saml:cprNumberIdentifier:0101409000";
    private static readonly ExpectedGrantor Person = new("Anna Syntetisk-0000000", CprScope);
    private static readonly ExpectedGrantor Company = new("Syntetisk Virksomhed 1 ApS", "urn:dk:gov:saml:cvrNumberIdentifier:60000001");

    [Fact]
    public void MandateChoices_ReadFromTheBrokersPage_PersonAndOrganisationGrantorsNotMyself()
    {
        const string Html = """
            <form method="post" action="/login/act-as/flow1">
            <fieldset><legend>Handl som</legend><div><input type="radio" id="acting-0" name="acting_as" value="00000000-0000-0000-0000-000000000000" required>
            <label for="acting-0">Mig selv</label></div><div><input type="radio" id="acting-1" name="acting_as" value="0b6b1c0e-0000-4000-8000-000000000001" required>
            <label for="acting-1">Anna Syntetisk-0000000 (fuldmagt)</label></div><div><input type="radio" id="acting-2" name="acting_as" value="0b6b1c0e-0000-4000-8000-000000000002" required>
            <label for="acting-2">Syntetisk Virksomhed 1 ApS (mandate) <span class="code">CVR 60000001</span></label></div></fieldset>
            </form>
            """;
        var page = new HttpPage(new Uri("http://127.0.0.1:5099/login/act-as/flow1"), 200, null, Html, Html.Length);

        Assert.Equal(
            [new MandateChoice("0b6b1c0e-0000-4000-8000-000000000001", "Anna Syntetisk-0000000", null), new MandateChoice("0b6b1c0e-0000-4000-8000-000000000002", "Syntetisk Virksomhed 1 ApS", "60000001")],
            MandateChoice.Read(page));
    }

    [Fact]
    public void Mismatch_ThePlansGrantorsInAnyOrder_IsNone() =>
        Assert.Null(MandateLoginScenario.Mismatch([Choice(Company.Name), Choice(Person.Name)], [Person, Company]));

    [Fact]
    public void Mismatch_AMandateMissingOrForeign_IsNamed()
    {
        Assert.NotNull(MandateLoginScenario.Mismatch([Choice(Person.Name)], [Person, Company]));
        Assert.NotNull(MandateLoginScenario.Mismatch([Choice(Person.Name), Choice("Someone Else")], [Person]));
        Assert.NotNull(MandateLoginScenario.Mismatch([Choice(Person.Name)], [Person, Person]));
    }

    [Fact]
    public void Check_PrivilegesScopedToTheChosenGrantor_IsOk() =>
        Assert.True(MandateLoginScenario.Check(Assertion(CprScope), Person).IsOk);

    [Fact]
    public void Check_PrivilegesOfAnotherGrantor_Fails() =>
        Assert.Equal("assertion.wrong-scope", MandateLoginScenario.Check(Assertion(Company.Scope), Person).Status);

    [Fact]
    public void Check_ProfessionalNameId_Fails() =>
        Assert.Equal("assertion.professional", MandateLoginScenario.Check(Assertion(CprScope) with { NameId = SamlConstants.OioSaml.ProfessionalNameIdPrefix + Guid.NewGuid() }, Person).Status);

    [Fact]
    public void Check_NoPrivileges_Fails()
    {
        var assertion = Assertion(CprScope);

        Assert.Equal("assertion.no-privileges", MandateLoginScenario.Check(assertion with { Attributes = new Dictionary<string, IReadOnlyList<string>>() }, Person).Status);
    }

    private static MandateChoice Choice(string name) => new(Guid.NewGuid().ToString(), name, null);

    private static SamlAssertion Assertion(string scope) => new()
    {
        Id = "_a",
        Issuer = "https://broker.test",
        NameId = SamlConstants.OioSaml.PersonNameIdPrefix + Guid.NewGuid(),
        NameIdFormat = SamlConstants.NameIdFormats.Persistent,
        AuthnInstant = DateTimeOffset.UtcNow,
        NotBefore = DateTimeOffset.UtcNow,
        NotOnOrAfter = DateTimeOffset.UtcNow.AddMinutes(5),
        Attributes = new Dictionary<string, IReadOnlyList<string>>
        {
            [SamlConstants.Attributes.PrivilegesIntermediate] = [BasicPrivilegeProfile.WriteBase64([new PrivilegeGroup(scope, ["https://synthetic.nemlogin.test/privileges/1"], [])])],
        },
    };
}
