using NemLogin.Grains.Assurance;
using NemLogin.Grains.OrganisationIdps;
using NemLogin.Grains;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>
/// Registers an organisation's own IdP from its metadata: read and checked by <see cref="OrganisationIdpMetadata"/>, then
/// stored in the organisation's IdP grain. The one path for the admin API (<c>PUT /api/admin/organisations/{cvr}/idp</c>)
/// and the embedded host's demo organisation IdP. A defect throws a <c>GrainRuleException</c> and stores nothing.
/// </summary>
internal static class OrganisationIdpRegistry
{
    /// <summary>The stored registration, and whether the organisation had none before.</summary>
    public static async Task<(OrganisationIdp Stored, bool Created)> RegisterAsync(
        IGrainFactory grains, string cvr, string metadataXml, LevelOfAssurance maxLoa, bool notified, IEnumerable<string> emailDomains,
        bool requireEncryption, DateTimeOffset now)
    {
        var registration = OrganisationIdpMetadata.Read(metadataXml, maxLoa, notified, emailDomains, requireEncryption, now);
        var grain = grains.Reference<IOrganisationIdpGrain>(cvr);
        var existed = await grain.GetAsync() is not null;
        return (await grain.RegisterAsync(registration), !existed);
    }
}
