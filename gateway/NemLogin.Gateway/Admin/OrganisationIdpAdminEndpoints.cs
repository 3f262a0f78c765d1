using System.Security.Cryptography;
using NemLogin.Gateway.Upstream.Organisations;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Errors;
using NemLogin.Grains.OrganisationIdps;
using NemLogin.Grains;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>/api/admin/organisations/{cvr}/idp</c>: an organisation's own SAML IdP. PUT takes the IdP's metadata as
/// <c>application/samlmetadata+xml</c> with the query parameters <c>maxLoa</c> (Low or Substantial, default Substantial;
/// High only with <c>notified=true</c>), <c>emailDomain</c> (repeatable): the domains by which the login page finds the
/// IdP, and <c>requireEncryption=true</c>: the IdP must encrypt its assertions to the broker (a plain one is then refused).
/// GET answers the registration, DELETE removes it. Refusals are RFC 9457 problems with <c>organisation.idp-*</c> codes,
/// and nothing is stored then.
/// </summary>
internal static class OrganisationIdpAdminEndpoints
{
    public static RouteGroupBuilder MapOrganisationIdpAdmin(this RouteGroupBuilder admin)
    {
        var idp = admin.MapGroup("/organisations/{cvr}/idp");
        idp.MapPut(string.Empty, RegisterAsync);
        idp.MapGet(string.Empty, (string cvr, IGrainFactory grains) => OrganisationAdminEndpoints.ForOrganisationAsync(cvr, async () =>
            await grains.Reference<IOrganisationIdpGrain>(cvr).GetAsync() is { } found ? TypedResults.Ok(Document(found)) : Unknown()));
        idp.MapDelete(string.Empty, (string cvr, IGrainFactory grains) => OrganisationAdminEndpoints.ForOrganisationAsync(cvr, async () =>
            await grains.Reference<IOrganisationIdpGrain>(cvr).RemoveAsync() ? TypedResults.NoContent() : Unknown()));
        return admin;
    }

    private static Task<IResult> RegisterAsync(string cvr, HttpContext context, IGrainFactory grains, TimeProvider time) => OrganisationAdminEndpoints.ForOrganisationAsync(cvr, async () =>
    {
        var query = context.Request.Query;
        var maxLoaText = query["maxLoa"].Count == 0 ? nameof(LevelOfAssurance.Substantial) : query["maxLoa"].ToString();
        if (!Enum.TryParse<LevelOfAssurance>(maxLoaText, ignoreCase: true, out var maxLoa) || !Enum.IsDefined(maxLoa) || maxLoaText.Any(char.IsDigit))
        {
            return BusinessProblems.Of(BrokerError.OrganisationIdpLoaInvalid, "maxLoa is Low, Substantial or (notified only) High.");
        }

        if (!TryFlag(query["notified"].ToString(), out var notified) || !TryFlag(query["requireEncryption"].ToString(), out var requireEncryption))
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "notified and requireEncryption are true or false.");
        }

        var (metadata, problem) = await RequestBody.ReadMetadataAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (registered, created) = await OrganisationIdpRegistry.RegisterAsync(
            grains, cvr, metadata!, maxLoa, notified, query["emailDomain"].OfType<string>(), requireEncryption, time.GetUtcNow());
        var stored = Document(registered);
        return created ? TypedResults.Created("/api/admin/organisations/" + cvr + "/idp", stored) : TypedResults.Ok(stored);
    });

    /// <summary>An optional boolean query parameter: absent is false.</summary>
    private static bool TryFlag(string text, out bool value)
    {
        value = false;
        return text.Length == 0 || bool.TryParse(text, out value);
    }

    private static IResult Unknown() => BusinessProblems.Of(BrokerError.OrganisationIdpUnknown, "The organisation has registered no IdP.");

    private static OrganisationIdpDocument Document(OrganisationIdp idp) => new(
        idp.Cvr,
        idp.Registration.EntityId,
        idp.Registration.SingleSignOnUrl,
        idp.Registration.MaxLoa.ToString(),
        idp.Registration.Notified,
        idp.Registration.RequireEncryption,
        [.. idp.Registration.EmailDomains],
        [.. idp.Registration.SigningCertificates.Select(c => Convert.ToHexStringLower(SHA256.HashData(c)))],
        idp.Version,
        idp.UpdatedAt);
}

/// <summary>An organisation IdP as the admin API shows it; certificates by their SHA-256 thumbprint.</summary>
internal sealed record OrganisationIdpDocument(
    string Cvr,
    string EntityId,
    string SingleSignOnUrl,
    string MaxLoa,
    bool Notified,
    bool RequireEncryption,
    IReadOnlyList<string> EmailDomains,
    IReadOnlyList<string> SigningCertificateSha256,
    long Version,
    DateTimeOffset UpdatedAt);
