using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Login;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Sessions;
using NemLogin.Gateway.Signing;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Sessions;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// Answers a service provider: builds the Response (one signed and encrypted assertion, or an error status), and
/// posts it to the ACS URL the validator chose from the SP's registration — never to any other address.
/// </summary>
internal sealed class SamlResponder(
    BrokerSigningKeys keys,
    IdentityProviderInfo idp,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<SamlResponder> logger)
{
    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(30);

    /// <summary>
    /// What the SP asks of the session, in the session's protocol-neutral terms: its release, its level, and its NameID —
    /// OIOSAML 3 writes the per-SP pseudonym UUID after the person prefix, a transient one fresh for every response.
    /// </summary>
    public static AssertionRequest AssertionRequestFor(LoginDemand demand)
    {
        var sp = demand.ServiceProvider;
        var format = sp.NameIdFormatFor(demand.NameIdFormat);
        return new AssertionRequest(
            sp.EntityId,
            sp.Registration.CprEntitled,
            demand.RequiredLoa,
            demand.Profile == EidProfile.Professional ? SamlConstants.OioSaml.ProfessionalNameIdPrefix : SamlConstants.OioSaml.PersonNameIdPrefix,
            format,
            format == SamlConstants.NameIdFormats.Transient)
        {
            Profile = demand.Profile,
        };
    }

    /// <summary>
    /// Why nothing can be encrypted for the SP now (its certificates expired or too weak), or null when something can. Asked
    /// before the session makes the SP a participant of an assertion it would never receive.
    /// </summary>
    public StatusAnswer? EncryptionProblem(RegisteredServiceProvider sp) =>
        PickEncryptionCertificate(sp.EncryptionCertificates, time.GetUtcNow()) is (null, var unusable)
            ? StatusAnswer.NoEncryptionCertificate(unusable)
            : null;

    /// <summary>Writes the session's assertion for the SP: signed, encrypted for it, posted to the verified ACS.</summary>
    public async Task<IResult> SendAssertionAsync(HttpContext context, LoginDemand demand, SessionAssertion asserted, string kind)
    {
        var sp = demand.ServiceProvider;
        var registration = sp.Registration;
        var now = time.GetUtcNow();
        var (certificate, unusable) = PickEncryptionCertificate(sp.EncryptionCertificates, now);
        if (certificate is null || asserted is not { Session: { } session, Release: { } release, Participant: { } participant })
        {
            return await SendStatusAsync(context, demand, StatusAnswer.NoEncryptionCertificate(unusable));
        }

        var nameId = participant.NameId;
        var nameIdFormat = participant.NameIdFormat;

        var assertion = new AssertionDescriptor
        {
            Id = NewId(),
            Issuer = idp.EntityId,
            Audience = sp.EntityId,
            Recipient = demand.ResponseUrl,
            InResponseTo = demand.RequestId,
            NameId = nameId,
            NameIdFormat = nameIdFormat,
            SessionIndex = participant.SessionIndex,
            IssueInstant = now,
            AuthnInstant = session.AuthnInstant,
            SessionNotOnOrAfter = session.ExpiresAt,
            ConditionsLifetime = AssertionLifetime,
            AuthenticatingAuthority = session.AuthenticatingAuthority,
            Attributes = asserted.Professional is { } professional
                ? OioSamlAttributes.ForProfessional(release, professional, asserted.Loa, registration.AllowedAttributes.ToHashSet(StringComparer.Ordinal))
                : OioSamlAttributes.For(
                    release, asserted.Loa, registration.AllowedAttributes.ToHashSet(StringComparer.Ordinal), DateOnly.FromDateTime(now.UtcDateTime), asserted.OnBehalfOf),
        };

        var encryption = new EncryptionTarget(certificate, sp.DataEncryptionAlgorithm, sp.KeyTransportAlgorithm);
        var signer = await keys.GetSamlSignerAsync(context.RequestAborted);
        var xml = await ResponseXml.WriteSuccessAsync(NewId(), assertion, encryption, signer, registration.SignResponse, context.RequestAborted);

        Log.AssertionIssued(logger, assertion.Id, sp.EntityId, session.IdentityId, SessionReference.For(session.SessionId), kind);
        audit.Record(context, new AuditEvent(kind == "sso" ? AuditCategory.SingleSignOn : AuditCategory.Login, AuditActions.Assertion, AuditOutcome.Success)
        {
            Actor = session.IdentityId.ToString(),
            ServiceProvider = sp.EntityId,
            IdentityId = session.IdentityId,
            Detail = $"assertion {assertion.Id}; request {demand.RequestId}; loa {asserted.Loa}"
                + (asserted.Professional is { } acting ? $"; business identity {acting.Id} of {acting.Cvr}" : string.Empty)
                + (asserted.OnBehalfOf is { } mandate ? $"; on behalf of {mandate.Grantor} by mandate {mandate.MandateId}" : string.Empty),
        });
        return PostBindingPage.ShowMessage(context, demand.ResponseUrl, "SAMLResponse", xml, demand.RelayState);
    }

    /// <summary>Answers a validated request (or the login it started) with a status instead of an assertion.</summary>
    public Task<IResult> SendStatusAsync(HttpContext context, LoginDemand demand, StatusAnswer answer) =>
        SendStatusAsync(context, demand.ServiceProvider.EntityId, demand.RequestId, demand.ResponseUrl, demand.RelayState, answer);

    /// <summary>Answers a trusted request the validator refused: a signed status Response to the ACS it verified.</summary>
    public Task<IResult> SendRefusalAsync(HttpContext context, RegisteredServiceProvider sp, Valid<RefusedAuthnRequest> refused)
    {
        var value = refused.Value;
        return SendStatusAsync(context, sp.EntityId, value.Request.Id, value.AssertionConsumerServiceUrl, value.RelayState, StatusAnswer.From(value));
    }

    private async Task<IResult> SendStatusAsync(
        HttpContext context, string serviceProvider, string requestId, string responseUrl, string? relayState, StatusAnswer answer)
    {
        var signer = await keys.GetSamlSignerAsync(context.RequestAborted);
        // SAML Core 3.2.2.2: the second-level code says why; signed, so the SP can trust the refusal as much as an assertion.
        var xml = await ResponseXml.WriteErrorAsync(
            NewId(), idp.EntityId, responseUrl, requestId, time.GetUtcNow(),
            answer.StatusCode, answer.SubStatusCode, answer.Message, signer, context.RequestAborted);
        Log.SamlErrorResponseSent(logger, answer.StatusCode, answer.SubStatusCode, serviceProvider);
        audit.Record(context, new AuditEvent(answer.Category, AuditActions.ErrorResponse, answer.Category == AuditCategory.Refusal ? AuditOutcome.Refused : AuditOutcome.Failed)
        {
            Actor = answer.Category == AuditCategory.Refusal ? serviceProvider : null,
            ServiceProvider = serviceProvider,
            Code = answer.AuditCode,
            Detail = $"request {requestId}; status {LastSegment(answer.SubStatusCode ?? answer.StatusCode)}",
        });
        return PostBindingPage.ShowMessage(context, responseUrl, "SAMLResponse", xml, relayState);
    }

    private static (X509Certificate2? Certificate, SamlErrorCode Unusable) PickEncryptionCertificate(
        IReadOnlyList<X509Certificate2> certificates, DateTimeOffset now)
    {
        // The first certificate valid now (a primary and a secondary during the SP's rollover) whose key is RSA of at least
        // the minimum size: a registration older than that rule may still hold a weak key, and nothing is encrypted for it.
        var current = certificates.Where(c => c.NotBefore <= now.UtcDateTime && c.NotAfter >= now.UtcDateTime).ToList();
        var usable = current.FirstOrDefault(c => KeyStrength.IsSufficientForEncryption(c, SignaturePolicy.Default));
        return (usable, current.Count == 0 ? SamlErrorCode.MetadataCertificateExpired : SamlErrorCode.MetadataKeyTooSmall);
    }

    private static string LastSegment(string statusCode) => statusCode[(statusCode.LastIndexOf(':') + 1)..];

    private static string NewId() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
