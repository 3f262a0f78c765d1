using System.Security.Cryptography;
using System.Text;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Organisations;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>
/// The rule that binds a login through an organisation's own IdP to the organisation: the IdP vouches that the NameID is its
/// employee, so the person identity of that upstream subject gets a business identity of that organisation on first login
/// (audited, actor <c>system:org-idp</c>), bound to it, at the level the registration allows. Later logins find it in the
/// person's index and change nothing; a revoked or suspended identity stays so (the organisation's administrators decide).
/// </summary>
internal sealed class OrganisationEmployees(IGrainFactory grains, OrganisationAdministration administration)
{
    public async Task EnsureAsync(HttpContext context, string cvr, Guid personId, LevelOfAssurance loa)
    {
        var held = await grains.Reference<IBusinessIdentityIndexGrain>(personId).ListAsync();
        if (held.Any(e => e.Cvr == cvr))
        {
            return;
        }

        // The request id is derived from the person and organisation: a retry after a failure creates no second identity.
        var requestId = "org-idp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cvr}|{personId:D}|{loa}")))[..32];
        await administration.AddEmployeeAsync(context, cvr, requestId,
            new EmployeeDetails(personId, loa == LevelOfAssurance.None ? LevelOfAssurance.Low : loa, null, null), AuditActions.OrganisationIdpActor);
    }
}
