using NemLogin.Grains.Audit;
using NemLogin.Saml;
using NemLogin.Saml.Validation;
using Status = NemLogin.Saml.SamlConstants.StatusCodes;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// A SAML status the broker answers a trusted request with (SAML Core 3.2.2.2: a top-level and a second-level code), the
/// stable code its audit record carries, and the audit category it counts under.
/// </summary>
internal sealed record StatusAnswer(string StatusCode, string? SubStatusCode, string Message, string AuditCode, AuditCategory Category)
{
    /// <summary>SAML Core 3.4.1: IsPassive, and no session that satisfies the request.</summary>
    public static StatusAnswer NoPassive { get; } =
        new(Status.Responder, Status.NoPassive, "No session satisfies the request.", "NoPassive", AuditCategory.Login);

    /// <summary>OIOSAML 3: the person's authentication did not reach the level the request (or the SP's policy) requires.</summary>
    public static StatusAnswer LevelNotReached { get; } =
        new(Status.Responder, Status.NoAuthnContext, "The required level of assurance was not reached.", "NoAuthnContext", AuditCategory.Login);

    /// <summary>
    /// OIOSAML 3 Professional profile: the person has no business identity that can act for an organisation now (none,
    /// suspended, or its organisation not active). Never a citizen assertion instead.
    /// </summary>
    public static StatusAnswer NoBusinessIdentity { get; } =
        new(Status.Responder, Status.NoAuthnContext, "The person has no business identity that can act for an organisation.", "NoAuthnContext", AuditCategory.Login);

    /// <summary>The person cancelled at the upstream identity provider.</summary>
    public static StatusAnswer Cancelled { get; } =
        new(Status.Responder, Status.AuthnFailed, "The user cancelled the login.", "AuthnFailed", AuditCategory.Login);

    /// <summary>The upstream login failed for another reason (<paramref name="upstreamCode"/>, e.g. <c>upstream.token-invalid</c>).</summary>
    public static StatusAnswer UpstreamFailed(string upstreamCode) =>
        new(Status.Responder, Status.AuthnFailed, "The login at the identity provider could not be completed.", upstreamCode, AuditCategory.Login);

    /// <summary>
    /// The SP's registration holds no encryption certificate that is valid now and strong enough (<paramref name="reason"/>):
    /// no assertion can be sent, and no second-level code of SAML Core 3.2.2.2 says why, so top-level Responder alone.
    /// </summary>
    public static StatusAnswer NoEncryptionCertificate(SamlErrorCode reason) =>
        new(Status.Responder, null, "The service provider has no usable encryption certificate.", reason.StableName(), AuditCategory.Refusal);

    /// <summary>A validator's refusal of a trusted request; audited as a refusal with its <see cref="SamlErrorCode"/>.</summary>
    public static StatusAnswer From(RefusedAuthnRequest refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return new(refused.StatusCode, refused.SubStatusCode, refused.StatusMessage, refused.Reason.StableName(), AuditCategory.Refusal);
    }
}
