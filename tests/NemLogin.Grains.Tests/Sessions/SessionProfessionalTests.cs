using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Sessions;
using NemLogin.Grains.Tests.Organisations;

namespace NemLogin.Grains.Tests.Sessions;

/// <summary>
/// The Professional profile decided by the session: only a business identity of the session's person is asserted (never
/// the citizen), with the IT system's rights; one usable identity needs no question, several do, none is refused.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionProfessionalTests(ClusterFixture fixture)
{
    private const string Prefix = "https://data.gov.dk/model/core/eid/professional/uuid/";
    private const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    [Fact]
    public async Task Professional_OneBusinessIdentity_AssertedWithItsUuidAndOnlyThisSystemsRights()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right(BusinessData.Read));
        var other = await BusinessData.CreateAsync(fixture.Grains);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.High);

        var answer = await session.AssertAsync(Request(data.System.Id));

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Equal(Prefix + data.EmployeeId, answer.Participant!.NameId);
        Assert.Equal(data.Cvr, answer.Professional!.Cvr);
        Assert.Equal([BusinessData.Read], answer.Professional.Privileges.Select(p => p.Privilege));
        // The identity's own level (Substantial) bounds the session's High.
        Assert.Equal(LevelOfAssurance.Substantial, answer.Loa);
        Assert.NotEqual(other.EmployeeId, answer.Professional.Id);
    }

    // Rule: never a citizen assertion to a party that asked for the Professional profile.
    [Fact]
    public async Task Professional_PersonWithoutBusinessIdentity_NoFittingIdentityAndNoParticipant()
    {
        var person = Guid.NewGuid();
        await IdentityAsync(person);
        var session = await SessionOfAsync(person, LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request("https://sp-pro.example"));

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, answer.Outcome);
        Assert.Empty((await session.GetAsync())!.Participants);
    }

    // Rule: a suspended business identity cannot act.
    [Fact]
    public async Task Professional_SuspendedIdentity_NoFittingIdentity()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.Employee.SetStatusAsync(TestIds.New("suspend"), BusinessIdentityStatus.Suspended);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, (await session.AssertAsync(Request(data.System.Id))).Outcome);
    }

    // Rule: more than one fitting identity: the person is asked (labelled by organisation), and the answer decides.
    [Fact]
    public async Task Professional_TwoOrganisations_ChoiceNeededThenTheChosenOneAsserted()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var second = await SecondEmployeeAsync(data.PersonId);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);

        var asked = await session.AssertAsync(Request(data.System.Id));
        var chosen = await session.AssertAsync(Request(data.System.Id) with { ActingAs = second.Id });

        Assert.Equal(SessionAssertionOutcome.ChoiceNeeded, asked.Outcome);
        Assert.Equal(new[] { data.EmployeeId, second.Id }.Order(), asked.Choices.Select(c => c.Id).Order());
        Assert.All(asked.Choices, c => Assert.False(string.IsNullOrEmpty(c.Label)));
        Assert.Equal(SessionAssertionOutcome.Asserted, chosen.Outcome);
        Assert.Equal(second.Cvr, chosen.Professional!.Cvr);
    }

    // Class: acting as someone else's business identity (a forged choice).
    [Fact]
    public async Task Professional_ChoiceOfAnotherPersonsIdentity_NoFittingIdentity()
    {
        var mine = await BusinessData.CreateAsync(fixture.Grains);
        var theirs = await BusinessData.CreateAsync(fixture.Grains);
        var session = await SessionOfAsync(mine.PersonId, LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request(mine.System.Id) with { ActingAs = theirs.EmployeeId });

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, answer.Outcome);
        Assert.Empty((await session.GetAsync())!.Participants);
    }

    // Fuldmagt for organisations: an employee with a right at the IT system may act for an organisation whose mandate
    // for that system the employer holds; the NameID stays the business identity's, the privileges are the mandate's,
    // scoped to the grantor's CVR (the employee's own rights are not carried).
    [Fact]
    public async Task Professional_EmployerHoldsABusinessMandate_AskedThenActsForTheGrantor()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right(BusinessData.Read));
        var (grantor, mandate) = await BusinessMandateAsync(data, data.Cvr, BusinessData.Write);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);

        var asked = await session.AssertAsync(Request(data.System.Id));
        var acting = await session.AssertAsync(Request(data.System.Id) with { ActingAs = mandate });
        var own = await session.AssertAsync(Request(data.System.Id) with { ActingAs = data.EmployeeId });

        Assert.Equal(SessionAssertionOutcome.ChoiceNeeded, asked.Outcome);
        Assert.Equal([(data.EmployeeId, ActingChoiceKind.BusinessIdentity), (mandate, ActingChoiceKind.Mandate)], asked.Choices.Select(c => (c.Id, c.Kind)));
        Assert.Equal(grantor, asked.Choices[1].Cvr);
        Assert.Equal(SessionAssertionOutcome.Asserted, acting.Outcome);
        Assert.Equal(Prefix + data.EmployeeId, acting.Participant!.NameId);
        Assert.Equal(mandate, acting.OnBehalfOf!.MandateId);
        var privilege = Assert.Single(acting.Professional!.Privileges);
        Assert.Equal((BusinessData.Write, "urn:dk:gov:saml:cvrNumberIdentifier:" + grantor), (privilege.Privilege, privilege.Scope.Urn));
        Assert.Equal(data.Cvr, acting.Professional.Cvr);
        Assert.Null(own.OnBehalfOf);
        Assert.Equal([BusinessData.Read], own.Professional!.Privileges.Select(p => p.Privilege));
    }

    // Rule: an employee the organisation gave no right at the IT system cannot use the organisation's mandates there:
    // no question, the plain business identity (without privileges), and a forged choice of the mandate asserts nothing.
    [Fact]
    public async Task Professional_EmployeeWithoutRightAtTheSystem_NoMandateChoice()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var (_, mandate) = await BusinessMandateAsync(data, data.Cvr, BusinessData.Write);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);

        var answer = await session.AssertAsync(Request(data.System.Id));
        var forged = await session.AssertAsync(Request(data.System.Id) with { ActingAs = mandate });

        Assert.Equal(SessionAssertionOutcome.Asserted, answer.Outcome);
        Assert.Null(answer.OnBehalfOf);
        Assert.Empty(answer.Professional!.Privileges);
        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, forged.Outcome);
    }

    // Class: acting under a business mandate revoked after the question: nothing asserted, no participant added.
    [Fact]
    public async Task Professional_BusinessMandateRevokedAfterTheQuestion_NoFittingIdentity()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right(BusinessData.Read));
        var (_, mandate) = await BusinessMandateAsync(data, data.Cvr, BusinessData.Write);
        var session = await SessionOfAsync(data.PersonId, LevelOfAssurance.Substantial);
        Assert.Equal(SessionAssertionOutcome.ChoiceNeeded, (await session.AssertAsync(Request(data.System.Id))).Outcome);

        await fixture.Grains.GetGrain<IMandateGrain>(mandate).RevokeAsync(TestIds.New("revoke"));
        var answer = await session.AssertAsync(Request(data.System.Id) with { ActingAs = mandate });
        var again = await session.AssertAsync(Request(data.System.Id));

        Assert.Equal(SessionAssertionOutcome.NoFittingIdentity, answer.Outcome);
        Assert.Equal(SessionAssertionOutcome.Asserted, again.Outcome);
        Assert.Null(again.OnBehalfOf);
    }

    /// <summary>Another organisation grants <paramref name="grantee"/> a business mandate for the test system's <paramref name="privilege"/>.</summary>
    private async Task<(string Grantor, Guid Mandate)> BusinessMandateAsync(BusinessData data, string grantee, string privilege)
    {
        var grantor = TestIds.Cvr();
        await fixture.Grains.GetGrain<IOrganisationGrain>(grantor).SaveAsync(TestIds.New("org"), BusinessData.Details(name: "Klient A/S"));
        var details = new MandateDetails(
            MandateParty.Organisation(grantor), MandateParty.Organisation(grantee),
            [new MandateSystem(data.System, [privilege])], null, null);
        var mandate = await fixture.Grains.GetGrain<IMandateGrantorGrain>(grantor).GrantAsync(TestIds.New("grant"), details);
        return (grantor, mandate.Id);
    }

    private async Task<(Guid Id, string Cvr)> SecondEmployeeAsync(Guid person)
    {
        var cvr = TestIds.Cvr();
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(cvr);
        await organisation.SaveAsync(TestIds.New("org"), BusinessData.Details(name: "Anden Virksomhed A/S"));
        var employee = await organisation.AddEmployeeAsync(TestIds.New("employee"), BusinessData.NewEmployee(person));
        return (employee.Id, cvr);
    }

    private static AssertionRequest Request(string party) =>
        new(party, CprEntitled: false, LevelOfAssurance.Substantial, Prefix, Persistent, TransientSubject: false) { Profile = EidProfile.Professional };

    private async Task<ISessionGrain> SessionOfAsync(Guid person, LevelOfAssurance loa)
    {
        await IdentityAsync(person);
        var session = fixture.Grains.GetGrain<ISessionGrain>(TestIds.New("session"));
        await session.StartAsync(new SessionAuthentication(person, loa, fixture.Time.GetUtcNow(), "https://mitid.example"), null);
        return session;
    }

    private Task IdentityAsync(Guid person) =>
        fixture.Grains.GetGrain<IIdentityGrain>(person).UpdateFromUpstreamAsync(new PersonAttributes("Test", "Person", new DateOnly(1990, 1, 1), "0101901234", null));
}
