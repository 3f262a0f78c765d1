using System.Security.Cryptography;
using System.Text;
using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.DemoSp;
using NemLogin.Demo.Hosting;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Mandates;
using NemLogin.Gateway.Upstream;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;
using NemLogin.Grains;

namespace NemLogin.Demo.DemoMandate;

/// <summary>
/// Seeds the demo's citizen mandate once the demo SP and its catalogue are in place: <c>alice</c> lets <c>bent</c> act for
/// her at all of the demo SP, until revoked. Both people's identities are the ones their MitID logins resolve to; one
/// that has never logged in is given the simulator's attributes for that user (what the login would store), so alice's
/// age can be checked and support can find both by CPR number. The grant goes through <see cref="MandateAdministration"/>
/// (audited, actor <c>system:demo</c>) with a request id derived from the content, so a restart against durable storage
/// repeats it harmlessly (and a mandate revoked since stays revoked).
/// </summary>
internal sealed class DemoMandateSeeder(
    DemoOrganisationSeeder organisationSeeder,
    DemoServiceProvider sp,
    MandateAdministration administration,
    IEnumerable<IUpstreamIdentityProvider> upstreams,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<DemoMandateSeeder> logger) : AfterStartTask(lifetime)
{
    /// <summary>Completes when alice's mandate for bent is stored.</summary>
    public Task Seeded => Done;

    protected override async Task RunAsync()
    {
        // The organisation seeder registers the demo SP's catalogue: "all of the SP" then carries its privilege.
        await organisationSeeder.Seeded;
        var alice = await IdentityAsync(TestUsers.Alice);
        var bent = await IdentityAsync(TestUsers.Bent);
        var details = new MandateDetails(MandateParty.Person(alice), MandateParty.Person(bent), [new MandateSystem(ItSystem.Saml(sp.EntityId), [])], null, null);
        var mandate = await administration.GrantAsync(null, RequestId(alice, bent, sp.EntityId), details, AuditActions.DemoActor);
        Log.DemoMandateSeeded(logger, mandate.Id);
    }

    protected override void Failed(Exception exception) => Log.DemoMandateFailed(logger, exception);

    private async Task<Guid> IdentityAsync(TestUser user)
    {
        var id = await TestUserIdentities.ResolveAsync(upstreams, grains, user);
        var identity = grains.Reference<IIdentityGrain>(id);
        if (await identity.GetAsync() is null)
        {
            await identity.UpdateFromUpstreamAsync(new PersonAttributes(user.GivenName, user.FamilyName, user.DateOfBirth, user.CprNumber, user.Email));
        }

        return id;
    }

    // The date is left out: "until revoked" and "from when stored" keep the content, and so the id, the same on every start.
    private static string RequestId(Guid grantor, Guid grantee, string entityId) =>
        "demo-mandate-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{grantor}|{grantee}|{entityId}")))[..16];
}
