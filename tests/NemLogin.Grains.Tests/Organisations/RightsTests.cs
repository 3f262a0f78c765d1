using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Tests.Organisations;

/// <summary>
/// Rights (FBRS): privileges catalogues, grants scoped to what the organisation owns, revocation, and the login query
/// "the rights of business identity X at IT system Y".
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RightsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Catalogue_RegisteredSp_StoredOrderedByUri()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var catalogue = await data.Catalogue.GetAsync();

        Assert.Equal([BusinessData.Read, BusinessData.Write], catalogue!.Privileges.Select(p => p.Uri));
        Assert.Equal(data.System, catalogue.System);
        Assert.Equal(1, catalogue.Version);
    }

    // Rule: only a registered SP or OIDC client has a catalogue.
    [Fact]
    public async Task Catalogue_UnregisteredSystem_RefusedNothingStored()
    {
        var catalogue = fixture.Grains.GetGrain<IPrivilegeCatalogueGrain>(ItSystem.Saml(TestIds.EntityId()).Key);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => catalogue.ReplaceAsync("c1", BusinessData.Privileges(BusinessData.Read)));

        Assert.Equal("privileges.it-system-unknown", refused.Code);
        Assert.Null(await catalogue.GetAsync());
    }

    [Fact]
    public async Task Catalogue_RegisteredOidcClient_Stored()
    {
        var clientId = TestIds.New("client");
        await fixture.Grains.GetGrain<IOidcClientGrain>(clientId).RegisterAsync(new OidcClient(
            clientId, "client_secret_basic", "obfuscated", null, ["https://rp.example.dk/cb"], [], ["authorization_code"], ["openid"], LevelOfAssurance.Substantial, false));
        var catalogue = fixture.Grains.GetGrain<IPrivilegeCatalogueGrain>(ItSystem.Oidc(clientId).Key);

        var stored = await catalogue.ReplaceAsync("c1", BusinessData.Privileges(BusinessData.Read));

        Assert.Equal(ItSystemKind.Oidc, stored.System.Kind);
    }

    // Rule: a bad catalogue is refused as a whole and the stored one stays.
    [Theory]
    [InlineData("relative/uri", "Name")]
    [InlineData("urn:dk:test:with space", "Name")]
    [InlineData("urn:dk:test:ok", " ")]
    [InlineData("urn:dk:test:duplicate", "duplicate")]
    [InlineData("urn:dk:test:ok", "constraint")]
    public async Task Catalogue_BadPrivilege_RefusedStoredUnchanged(string uri, string name)
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        ImmutableArray<Privilege> privileges = name switch
        {
            "duplicate" => [new Privilege(uri, "A", []), new Privilege(uri, "B", [])],
            "constraint" => [new Privilege(uri, "A", [new PrivilegeConstraint("x", "1"), new PrivilegeConstraint("x", "2")])],
            _ => [new Privilege(uri, name, [])],
        };

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Catalogue.ReplaceAsync("c2", privileges));

        Assert.Equal("privileges.catalogue-invalid", refused.Code);
        Assert.Equal(1, (await data.Catalogue.GetAsync())!.Version);
    }

    [Fact]
    public async Task Catalogue_SameRequestOtherContent_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.Catalogue.ReplaceAsync("c2", BusinessData.Privileges(BusinessData.Read));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Catalogue.ReplaceAsync("c2", BusinessData.Privileges(BusinessData.Write)));

        Assert.Equal("request.id-reused", refused.Code);
        Assert.Equal([BusinessData.Read], (await data.Catalogue.GetAsync())!.Privileges.Select(p => p.Uri));
    }

    // Rule: scoped to the organisation's CVR, one of its P units or SE numbers — all three accepted.
    [Theory]
    [InlineData(RightScopeKind.Organisation)]
    [InlineData(RightScopeKind.ProductionUnit)]
    [InlineData(RightScopeKind.SeNumber)]
    public async Task Grant_OwnScope_InTheLoginQuery(RightScopeKind kind)
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var scope = new RightScope(kind, kind switch
        {
            RightScopeKind.ProductionUnit => data.ProductionUnit,
            RightScopeKind.SeNumber => data.SeNumber,
            _ => data.Cvr,
        });

        await data.GrantAsync(data.Right(scope: scope));
        var rights = await data.Employee.GetRightsAsync(data.System);

        var granted = Assert.Single(rights!.Privileges);
        Assert.Equal(BusinessData.Read, granted.Privilege);
        Assert.Equal(scope, granted.Scope);
        Assert.Equal("level", Assert.Single(granted.Constraints).Name);
        Assert.True(rights.Usable);
        Assert.Equal("Testfirma ApS", rights.OrganisationName);
    }

    // Rule: a scope the organisation does not own is refused (another CVR, a foreign P unit or SE number).
    [Theory]
    [InlineData(RightScopeKind.Organisation)]
    [InlineData(RightScopeKind.ProductionUnit)]
    [InlineData(RightScopeKind.SeNumber)]
    public async Task Grant_ForeignScope_RefusedNothingHeld(RightScopeKind kind)
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var scope = new RightScope(kind, kind switch
        {
            RightScopeKind.ProductionUnit => TestIds.ProductionUnit(),
            RightScopeKind.SeNumber => TestIds.SeNumber(),
            _ => TestIds.Cvr(),
        });

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(data.Right(scope: scope)));

        Assert.Equal("organisation.scope-not-owned", refused.Code);
        Assert.Empty((await data.Employee.GetAsync())!.Rights);
    }

    [Fact]
    public async Task Grant_MalformedScope_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(data.Right(scope: RightScope.ProductionUnit("12"))));

        Assert.Equal("rights.scope-invalid", refused.Code);
    }

    // Rule: only a privilege the IT system defines can be granted.
    [Fact]
    public async Task Grant_PrivilegeNotInCatalogue_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(data.Right("urn:dk:test:privilege:admin")));

        Assert.Equal("rights.privilege-unknown", refused.Code);
        Assert.Empty((await data.Employee.GetAsync())!.Rights);
    }

    [Fact]
    public async Task Grant_SystemWithoutCatalogue_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(new Right(ItSystem.Saml(TestIds.EntityId()), BusinessData.Read, RightScope.Organisation(data.Cvr))));

        Assert.Equal("rights.privilege-unknown", refused.Code);
    }

    // Rule: a suspended or revoked identity is given nothing.
    [Theory]
    [InlineData(BusinessIdentityStatus.Suspended, "employee.not-active")]
    [InlineData(BusinessIdentityStatus.Revoked, "employee.revoked")]
    public async Task Grant_IdentityNotActive_Refused(BusinessIdentityStatus status, string code)
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.Employee.SetStatusAsync("s1", status);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(data.Right()));

        Assert.Equal(code, refused.Code);
        Assert.Empty((await data.Employee.GetAsync())!.Rights);
    }

    [Fact]
    public async Task Grant_OrganisationSuspended_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.Organisation.SaveAsync("r2", BusinessData.Details(units: [data.ProductionUnit], seNumbers: [data.SeNumber], status: OrganisationStatus.Suspended));

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.GrantAsync(data.Right()));

        Assert.Equal("organisation.not-active", refused.Code);
    }

    // Rule: idempotency — the same grant request again answers the first receipt; the same id for another right is refused.
    [Fact]
    public async Task Grant_SameRequest_FirstReceiptAndOtherContentRefused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var first = await data.Employee.GrantAsync("g1", data.Right());

        var repeat = await data.Employee.GrantAsync("g1", data.Right());
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.GrantAsync("g1", data.Right(BusinessData.Write)));

        Assert.Equal(first, repeat);
        Assert.Equal("request.id-reused", refused.Code);
        Assert.Single((await data.Employee.GetAsync())!.Rights);
    }

    [Fact]
    public async Task Grant_HeldAlready_NoSecondCopy()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var first = await data.GrantAsync(data.Right());

        var again = await data.GrantAsync(data.Right());

        Assert.Equal(first.Version, again.Version);
        Assert.Single((await data.Employee.GetAsync())!.Rights);
    }

    // Rule: the login query carries the rights of the asking IT system only.
    [Fact]
    public async Task Query_TwoSystems_OnlyTheAskingSystemsRights()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        var otherEntityId = TestIds.EntityId();
        await fixture.Grains.GetGrain<Grains.ServiceProviders.IServiceProviderGrain>(otherEntityId).RegisterAsync(Registrations.Valid(otherEntityId));
        var other = ItSystem.Saml(otherEntityId);
        await fixture.Grains.GetGrain<IPrivilegeCatalogueGrain>(other.Key).ReplaceAsync("c1", BusinessData.Privileges("urn:dk:other:privilege:sign"));
        await data.GrantAsync(data.Right());
        await data.GrantAsync(new Right(other, "urn:dk:other:privilege:sign", RightScope.Organisation(data.Cvr)));

        var mine = await data.Employee.GetRightsAsync(data.System);
        var theirs = await data.Employee.GetRightsAsync(other);

        Assert.Equal(BusinessData.Read, Assert.Single(mine!.Privileges).Privilege);
        Assert.Equal("urn:dk:other:privilege:sign", Assert.Single(theirs!.Privileges).Privilege);
    }

    // Rule: a revoked right is gone from the login query.
    [Fact]
    public async Task Revoke_Right_GoneFromTheQuery()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right());
        await data.GrantAsync(data.Right(BusinessData.Write));

        await data.Employee.RevokeRightAsync("v1", data.Right());

        Assert.Equal(BusinessData.Write, Assert.Single((await data.Employee.GetRightsAsync(data.System))!.Privileges).Privilege);
    }

    [Fact]
    public async Task Revoke_RightNotHeld_Refused()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Employee.RevokeRightAsync("v1", data.Right()));

        Assert.Equal("rights.unknown", refused.Code);
    }

    // Rule: a revoked identity gives no rights; a suspended one none while suspended (kept for its return).
    [Fact]
    public async Task Query_RevokedIdentity_NoRights()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right());

        await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Revoked);
        var rights = await data.Employee.GetRightsAsync(data.System);

        Assert.False(rights!.Usable);
        Assert.Empty(rights.Privileges);
    }

    [Fact]
    public async Task Query_SuspendedIdentity_NoRightsUntilReactivated()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right());

        await data.Employee.SetStatusAsync("s1", BusinessIdentityStatus.Suspended);
        var suspended = await data.Employee.GetRightsAsync(data.System);
        await data.Employee.SetStatusAsync("s2", BusinessIdentityStatus.Active);
        var active = await data.Employee.GetRightsAsync(data.System);

        Assert.Empty(suspended!.Privileges);
        Assert.Single(active!.Privileges);
    }

    // Rule: an organisation that is not active gives its employees no rights.
    [Fact]
    public async Task Query_OrganisationSuspended_NoRights()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right());

        await data.Organisation.SaveAsync("r2", BusinessData.Details(units: [data.ProductionUnit], seNumbers: [data.SeNumber], status: OrganisationStatus.Suspended));
        var rights = await data.Employee.GetRightsAsync(data.System);

        Assert.Equal(OrganisationStatus.Suspended, rights!.OrganisationStatus);
        Assert.False(rights.Usable);
        Assert.Empty(rights.Privileges);
    }

    // Rule: only what holds now is carried — a privilege taken out of the catalogue, a P unit the organisation gave up.
    [Fact]
    public async Task Query_PrivilegeLeftTheCatalogue_NotCarried()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right());
        await data.GrantAsync(data.Right(BusinessData.Write));

        await data.Catalogue.ReplaceAsync("c2", BusinessData.Privileges(BusinessData.Write));

        Assert.Equal(BusinessData.Write, Assert.Single((await data.Employee.GetRightsAsync(data.System))!.Privileges).Privilege);
    }

    [Fact]
    public async Task Query_ProductionUnitGivenUp_ItsRightsNotCarried()
    {
        var data = await BusinessData.CreateAsync(fixture.Grains);
        await data.GrantAsync(data.Right(scope: RightScope.ProductionUnit(data.ProductionUnit)));
        await data.GrantAsync(data.Right(scope: RightScope.SeNumber(data.SeNumber)));

        await data.Organisation.SaveAsync("r2", BusinessData.Details(seNumbers: [data.SeNumber]));

        var carried = Assert.Single((await data.Employee.GetRightsAsync(data.System))!.Privileges);
        Assert.Equal(RightScopeKind.SeNumber, carried.Scope.Kind);
    }

    [Fact]
    public async Task Query_UnknownIdentity_Null() =>
        Assert.Null(await fixture.Grains.GetGrain<IBusinessIdentityGrain>(Guid.NewGuid()).GetRightsAsync(ItSystem.Saml(TestIds.EntityId())));
}
