using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Tests.Mandates;

/// <summary>Mandates under the shared fake clock: who may grant, validity, expiry, revocation, idempotency, approval.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MandateGrainTests(ClusterFixture fixture)
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private Task<MandateData> DataAsync() => MandateData.CreateAsync(fixture.Grains, Now);

    // Rule: a person grantor is 15 or older on the day of the grant; at 14 the grant is refused and nothing is stored.
    [Fact]
    public async Task Grant_Grantor14_RefusedNothingStored()
    {
        var data = await DataAsync();
        var (young, _) = await MandateData.PersonAsync(fixture.Grains, MandateData.Born(Now, years: 15).AddDays(1));
        var details = data.Details() with { Grantor = MandateParty.Person(young) };

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => fixture.Grains.GetGrain<IMandateGrantorGrain>(details.Grantor.Id).GrantAsync("g1", details));

        Assert.Equal("mandate.grantor-under-age", refused.Code);
        Assert.Empty(await fixture.Grains.GetGrain<IMandateGrantorGrain>(details.Grantor.Id).ListAsync());
        Assert.Empty(await data.Index.ListAsync());
    }

    // Rule: on the day the grantor turns 15 the grant is accepted.
    [Fact]
    public async Task Grant_Grantor15Today_Accepted()
    {
        var data = await DataAsync();
        var (fifteen, _) = await MandateData.PersonAsync(fixture.Grains, MandateData.Born(Now, years: 15));
        var details = data.Details() with { Grantor = MandateParty.Person(fifteen) };

        var mandate = await fixture.Grains.GetGrain<IMandateGrantorGrain>(details.Grantor.Id).GrantAsync("g1", details);

        Assert.Equal(MandateStatus.Active, mandate.Status);
        Assert.Equal(MandateKind.Citizen, mandate.Kind);
    }

    [Theory]
    [InlineData(2000, 2, 29, 2015, 2, 28, 14)]
    [InlineData(2000, 2, 29, 2015, 3, 1, 15)]
    [InlineData(2010, 6, 15, 2025, 6, 14, 14)]
    [InlineData(2010, 6, 15, 2025, 6, 15, 15)]
    public void AgeOn_Birthdays_WholeYears(int y, int m, int d, int ty, int tm, int td, int age) =>
        Assert.Equal(age, MandateRules.AgeOn(new DateOnly(y, m, d), new DateOnly(ty, tm, td)));

    // Rule: bad input is refused with its code and nothing is stored.
    [Fact]
    public async Task Grant_BadInput_RefusedWithCodeNothingStored()
    {
        var data = await DataAsync();
        var organisation = await MandateData.OrganisationAsync(fixture.Grains);
        var cases = new (string Code, MandateDetails Details)[]
        {
            ("mandate.validity-invalid", data.Details(validTo: Now.AddMinutes(-1))),
            ("mandate.validity-invalid", data.Details(validFrom: Now.AddDays(2), validTo: Now.AddDays(1))),
            ("mandate.it-system-unknown", data.Details(system: ItSystem.Saml(TestIds.EntityId()))),
            ("mandate.privilege-unknown", data.Details(privileges: ["urn:dk:test:privilege:none"])),
            ("mandate.person-unknown", data.Details(grantee: MandateParty.Person(Guid.NewGuid()))),
            ("mandate.party-invalid", data.Details(grantee: MandateParty.Organisation(organisation))),
            ("mandate.party-invalid", data.Details(grantee: data.GrantorParty)),
            ("mandate.systems-invalid", data.Details() with { Systems = [] }),
        };

        foreach (var (code, details) in cases)
        {
            var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(details));
            Assert.Equal(code, refused.Code);
        }

        Assert.Empty(await data.Ledger.ListAsync());
        Assert.Empty(await data.Index.ListAsync());
    }

    // Rule: a grant is listed in the grantee's index and the login query answers it with the grantor's CPR scope.
    [Fact]
    public async Task FindFor_Granted_GrantorAndPrivilegesScopedToCpr()
    {
        var data = await DataAsync();
        var mandate = await data.GrantAsync(data.Details(validTo: Now.AddDays(30)));

        var entry = Assert.Single(await data.Index.ListAsync());
        var fitting = Assert.Single(await data.Index.FindForAsync(data.System));

        Assert.Equal(mandate.Id, entry.Id);
        Assert.Equal(data.GrantorParty, entry.Grantor);
        Assert.Equal(mandate.Id, fitting.MandateId);
        Assert.Equal(data.GrantorCpr, fitting.GrantorCpr);
        Assert.Null(fitting.GrantorCvr);
        Assert.Equal("Grete Giver", fitting.GrantorName);
        var privilege = Assert.Single(fitting.Privileges);
        Assert.Equal(MandateData.Read, privilege.Privilege);
        Assert.Equal("urn:dk:gov:saml:cprNumberIdentifier:" + data.GrantorCpr, privilege.Scope.Urn);
        Assert.Empty(await data.Index.FindForAsync(await MandateData.RegisterSystemAsync(fixture.Grains)));
    }

    // Rule: a business mandate for all of one SP carries every privilege of its catalogue, scoped to the grantor's CVR.
    [Fact]
    public async Task FindFor_BusinessMandateAllOfSp_CatalogueScopedToCvr()
    {
        var data = await DataAsync();
        var cvr = await MandateData.OrganisationAsync(fixture.Grains, "Fuldmagtsgiver A/S");
        var details = data.Details(privileges: []) with { Grantor = MandateParty.Organisation(cvr) };

        var mandate = await fixture.Grains.GetGrain<IMandateGrantorGrain>(cvr).GrantAsync("b1", details);

        var fitting = Assert.Single(await data.Index.FindForAsync(data.System));
        Assert.Equal(MandateKind.Business, mandate.Kind);
        Assert.Equal(cvr, fitting.GrantorCvr);
        Assert.Null(fitting.GrantorCpr);
        Assert.Equal("Fuldmagtsgiver A/S", fitting.GrantorName);
        Assert.Equal([MandateData.Read, MandateData.Write], fitting.Privileges.Select(p => p.Privilege));
        Assert.All(fitting.Privileges, p => Assert.Equal(RightScope.Organisation(cvr), p.Scope));
    }

    // Rule: an organisation may hold a mandate from another organisation, indexed under its CVR.
    [Fact]
    public async Task Grant_OrganisationToOrganisation_IndexedUnderCvr()
    {
        var data = await DataAsync();
        var grantor = await MandateData.OrganisationAsync(fixture.Grains);
        var grantee = await MandateData.OrganisationAsync(fixture.Grains);
        var details = data.Details(grantee: MandateParty.Organisation(grantee)) with { Grantor = MandateParty.Organisation(grantor) };

        var mandate = await fixture.Grains.GetGrain<IMandateGrantorGrain>(grantor).GrantAsync("b1", details);

        Assert.Equal(mandate.Id, Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(grantee).ListAsync()).Id);
    }

    // Rule: a mandate is used only within its validity window: not before validFrom, not from validTo on (every read checks).
    [Fact]
    public async Task FindFor_ValidityWindow_OnlyWithin()
    {
        var data = await DataAsync();
        var mandate = await data.GrantAsync(data.Details(validFrom: Now.AddHours(1), validTo: Now.AddHours(3)));

        var before = await data.Index.FindForAsync(data.System);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var within = await data.Index.FindForAsync(data.System);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var after = await data.Index.FindForAsync(data.System);

        Assert.Empty(before);
        Assert.Equal(mandate.Id, Assert.Single(within).MandateId);
        Assert.Empty(after);
        Assert.Equal(MandateStatus.Expired, (await data.Mandate(mandate.Id).GetAsync())!.Status);
    }

    // Rule: expiry is a durable reminder registered with the mandate; when it runs after the end, the mandate is Expired
    // for good, leaves the index, and its reminder is gone.
    [Fact]
    public async Task Expiry_ReminderRuns_ExpiredOutOfIndexReminderGone()
    {
        var data = await DataAsync();
        var mandate = await data.GrantAsync(data.Details(validTo: Now.AddHours(1)));
        var grain = data.Mandate(mandate.Id);
        var registered = await ExpiryReminderAsync(grain);

        var early = await grain.ExpireIfDueAsync();
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var expired = await grain.ExpireIfDueAsync();

        Assert.NotNull(registered);
        Assert.Equal(MandateStatus.Active, early!.Status);
        Assert.Equal(MandateStatus.Expired, expired!.Status);
        Assert.Equal(mandate.Version + 1, expired.Version);
        Assert.Empty(await data.Index.ListAsync());
        Assert.Null(await ExpiryReminderAsync(grain));
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => grain.ApproveAsync("a1"));
        Assert.Equal("mandate.expired", refused.Code);
    }

    // Rule: a mandate without an end has no reminder and stays in force.
    [Fact]
    public async Task Grant_NoEnd_NoReminder()
    {
        var data = await DataAsync();
        var mandate = await data.GrantAsync(data.Details());

        Assert.Null(await ExpiryReminderAsync(data.Mandate(mandate.Id)));
        Assert.Single(await data.Index.FindForAsync(data.System));
    }

    // Rule: a revoked mandate never returns: not at login, not in the index, not by replaying its grant's request id.
    [Fact]
    public async Task Revoke_ThenReplayGrant_StaysRevoked()
    {
        var data = await DataAsync();
        var details = data.Details(validTo: Now.AddDays(10));
        var mandate = await data.Ledger.GrantAsync("g1", details);

        var revoked = await data.Mandate(mandate.Id).RevokeAsync("r1");
        var replayed = await data.Ledger.GrantAsync("g1", details);

        Assert.Equal(MandateStatus.Revoked, revoked.Status);
        Assert.Equal(mandate.Id, replayed.Id);
        Assert.Equal(MandateStatus.Revoked, replayed.Status);
        Assert.Empty(await data.Index.ListAsync());
        Assert.Empty(await data.Index.FindForAsync(data.System));
        Assert.Null(await ExpiryReminderAsync(data.Mandate(mandate.Id)));
        Assert.Equal(MandateStatus.Revoked, (await data.Mandate(mandate.Id).RevokeAsync("r2")).Status);
        Assert.Single(await data.Ledger.ListAsync());
    }

    // Rule: the same request id with the same content answers the same mandate; with other content it is refused.
    [Fact]
    public async Task Grant_SameRequestId_SameMandateOtherContentRefused()
    {
        var data = await DataAsync();
        var first = await data.Ledger.GrantAsync("g1", data.Details());

        var again = await data.Ledger.GrantAsync("g1", data.Details());
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Ledger.GrantAsync("g1", data.Details(privileges: [MandateData.Write])));

        SameContent.Assert(first, again);
        Assert.Equal("request.id-reused", refused.Code);
        Assert.Single(await data.Ledger.ListAsync());
        Assert.Single(await data.Index.ListAsync());
    }

    // Rule: a request by the grantee carries nothing until the grantor approves it; approval is once.
    [Fact]
    public async Task Request_ThenApprove_CarriedOnlyAfterApproval()
    {
        var data = await DataAsync();
        var requested = await data.Ledger.RequestAsync("q1", data.Details(validTo: Now.AddDays(5)));

        var listed = Assert.Single(await data.Index.ListAsync());
        var beforeApproval = await data.Index.FindForAsync(data.System);
        var approved = await data.Mandate(requested.Id).ApproveAsync("a1");
        var afterApproval = await data.Index.FindForAsync(data.System);
        var twice = await Assert.ThrowsAsync<GrainRuleException>(() => data.Mandate(requested.Id).ApproveAsync("a2"));

        Assert.Equal(MandateStatus.Requested, requested.Status);
        Assert.Equal(MandateStatus.Requested, listed.Status);
        Assert.Empty(beforeApproval);
        Assert.Equal(MandateStatus.Active, approved.Status);
        Assert.Equal(MandateStatus.Active, Assert.Single(await data.Index.ListAsync()).Status);
        Assert.Equal(requested.Id, Assert.Single(afterApproval).MandateId);
        Assert.Equal("mandate.not-requested", twice.Code);
    }

    // Rule: a declined (revoked) request cannot be approved.
    [Fact]
    public async Task Request_Declined_ApprovalRefused()
    {
        var data = await DataAsync();
        var requested = await data.Ledger.RequestAsync("q1", data.Details());
        await data.Mandate(requested.Id).RevokeAsync("r1");

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Mandate(requested.Id).ApproveAsync("a1"));

        Assert.Equal("mandate.revoked", refused.Code);
        Assert.Empty(await data.Index.ListAsync());
    }

    // Attack class: denial of service by request flooding. Anyone who knows a person's CPR number can ask them for a
    // mandate; one grantee holds at most three unanswered requests at a grantor, a refusal stores nothing, the grantor's
    // own grants are never blocked by requests, and an answer frees the place.
    [Fact]
    public async Task Request_FourthUnansweredFromOneGrantee_RefusedNothingStoredGrantorStillGrants()
    {
        var data = await DataAsync();
        var first = await data.Ledger.RequestAsync("q1", data.Details());
        await data.Ledger.RequestAsync("q2", data.Details(privileges: [MandateData.Write]));
        await data.Ledger.RequestAsync("q3", data.Details(privileges: [MandateData.Read, MandateData.Write]));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Ledger.RequestAsync("q4", data.Details(validTo: Now.AddDays(9))));
        var givenAfterRefusal = await data.Ledger.ListAsync();
        var (other, _) = await MandateData.PersonAsync(fixture.Grains, MandateData.Born(Now, years: 50));
        var granted = await data.Ledger.GrantAsync("g1", data.Details(grantee: MandateParty.Person(other)));
        await data.Mandate(first.Id).RevokeAsync("decline-q1");
        var afterAnswer = await data.Ledger.RequestAsync("q4", data.Details(validTo: Now.AddDays(9)));

        Assert.Equal("mandate.request-limit-reached", refused.Code);
        Assert.Equal(3, givenAfterRefusal.Length);
        Assert.Equal(MandateStatus.Active, granted.Status);
        Assert.Equal(MandateStatus.Requested, afterAnswer.Status);
        Assert.Equal(3, (await data.Index.ListAsync()).Count(m => m.Status == MandateStatus.Requested));
    }

    // Attack class: denial of service by request flooding from many accounts. A grantor holds at most 50 unanswered
    // requests; the 51st grantee is refused until the grantor answers one, and granting stays possible throughout.
    [Fact]
    public async Task Request_QueueOfFiftyUnanswered_NextGranteeRefusedUntilOneIsApproved()
    {
        var data = await DataAsync();
        var requests = new List<Mandate>();
        for (var i = 0; i < MandateGrantorGrain.MaxOpenRequests; i++)
        {
            var (grantee, _) = await MandateData.PersonAsync(fixture.Grains, MandateData.Born(Now, years: 20 + (i % 40)));
            requests.Add(await data.Ledger.RequestAsync("flood-" + i, data.Details(grantee: MandateParty.Person(grantee))));
        }

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Ledger.RequestAsync("q-next", data.Details()));
        var granted = await data.Ledger.GrantAsync("g1", data.Details(privileges: [MandateData.Write]));
        await data.Mandate(requests[7].Id).ApproveAsync("approve-7");
        var admitted = await data.Ledger.RequestAsync("q-next", data.Details());

        Assert.Equal("mandate.request-limit-reached", refused.Code);
        Assert.Equal(MandateStatus.Active, granted.Status);
        Assert.Equal(MandateStatus.Requested, admitted.Status);
        Assert.Equal(MandateGrantorGrain.MaxOpenRequests + 2, (await data.Ledger.ListAsync()).Length);
    }

    // Rule: a grant is made only through the grantor's own ledger.
    [Fact]
    public async Task Grant_OtherGrantorsLedger_Refused()
    {
        var data = await DataAsync();

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
            fixture.Grains.GetGrain<IMandateGrantorGrain>(data.GranteeParty.Id).GrantAsync("g1", data.Details(grantee: MandateParty.Person(Guid.NewGuid()))));

        Assert.Equal("mandate.party-invalid", refused.Code);
    }

    // Rule: an unknown mandate id has nothing to revoke.
    [Fact]
    public async Task Revoke_Unknown_Refused()
    {
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => fixture.Grains.GetGrain<IMandateGrain>(Guid.NewGuid()).RevokeAsync("r1"));

        Assert.Equal("mandate.unknown", refused.Code);
    }

    private Task<ReminderEntry?> ExpiryReminderAsync(IMandateGrain grain) =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRow(grain.GetGrainId(), MandateGrain.ExpiryReminder);
}
