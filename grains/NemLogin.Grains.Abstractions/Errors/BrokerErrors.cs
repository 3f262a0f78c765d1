using System.Collections.Frozen;
using System.Globalization;

namespace NemLogin.Grains.Errors;

/// <summary>The one registry of <see cref="BrokerError"/> names: what pages, problems, audit records and tests show.</summary>
public static class BrokerErrors
{
    private static readonly FrozenDictionary<BrokerError, string> Names = new Dictionary<BrokerError, string>
    {
        [BrokerError.FlowUnknown] = "flow.unknown",
        [BrokerError.FlowBrowserMismatch] = "flow.browser-mismatch",
        [BrokerError.FlowUpstreamMismatch] = "flow.upstream-mismatch",
        [BrokerError.FlowServiceProviderGone] = "flow.sp-gone",
        [BrokerError.FlowExists] = "flow.exists",
        [BrokerError.SessionNone] = "session.none",
        [BrokerError.SessionExists] = "session.exists",
        [BrokerError.LogoutUnknown] = "logout.unknown",
        [BrokerError.LogoutExists] = "logout.exists",
        [BrokerError.LogoutFromOtherBrowser] = "logout.other-browser",
        [BrokerError.IdentityUnknown] = "identity.unknown",
        [BrokerError.UpstreamCancelled] = "upstream.cancelled",
        [BrokerError.UpstreamError] = "upstream.error",
        [BrokerError.UpstreamIssuerMismatch] = "upstream.issuer-mismatch",
        [BrokerError.UpstreamResponseInvalid] = "upstream.response-invalid",
        [BrokerError.UpstreamFlowInvalid] = "upstream.flow-invalid",
        [BrokerError.UpstreamMetadataUnavailable] = "upstream.metadata-unavailable",
        [BrokerError.UpstreamExchangeFailed] = "upstream.exchange-failed",
        [BrokerError.UpstreamTokenInvalid] = "upstream.token-invalid",
        [BrokerError.UpstreamNonceMismatch] = "upstream.nonce-mismatch",
        [BrokerError.UpstreamReauthenticationMissing] = "upstream.reauthentication-missing",
        [BrokerError.UpstreamLoaNotReached] = "upstream.loa-not-reached",
        [BrokerError.AdminUnauthorized] = "admin.unauthorized",
        [BrokerError.AdminServiceProviderUnknown] = "admin.sp-unknown",
        [BrokerError.AdminUnsupportedMediaType] = "admin.unsupported-media-type",
        [BrokerError.AdminBodyTooLarge] = "admin.body-too-large",
        [BrokerError.AdminRequestInvalid] = "admin.request-invalid",
        [BrokerError.AdminOidcClientInvalid] = "admin.oidc-client-invalid",
        [BrokerError.AdminOidcClientUnknown] = "admin.oidc-client-unknown",
        [BrokerError.SpUnknown] = "sp.unknown",
        [BrokerError.SpEntityIdMismatch] = "sp.entity-id-mismatch",
        [BrokerError.SpNoSigningCertificate] = "sp.no-signing-certificate",
        [BrokerError.SpNoEncryptionCertificate] = "sp.no-encryption-certificate",
        [BrokerError.SpNoPostAcs] = "sp.no-post-acs",
        [BrokerError.SpPolicyInvalid] = "sp.policy-invalid",
        [BrokerError.SpMetadataSourceInvalid] = "sp.metadata-source-invalid",
        [BrokerError.SpMetadataFetchFailed] = "sp.metadata-fetch-failed",
        [BrokerError.SpMetadataTooLarge] = "sp.metadata-too-large",
        [BrokerError.SigningAlgorithmUnsupported] = "signing.algorithm-unsupported",
        [BrokerError.SigningKeyUnknown] = "signing.key-unknown",
        [BrokerError.SigningNoCurrentKey] = "signing.no-current-key",
        [BrokerError.SigningOverloaded] = "signing.overloaded",
        [BrokerError.SigningHsmUnavailable] = "signing.hsm-unavailable",
        [BrokerError.SigningDecryptionAlgorithmRefused] = "signing.decryption-algorithm-refused",
        [BrokerError.SigningDecryptionFailed] = "signing.decryption-failed",
        [BrokerError.OrganisationCvrInvalid] = "organisation.cvr-invalid",
        [BrokerError.OrganisationUnknown] = "organisation.unknown",
        [BrokerError.OrganisationNameInvalid] = "organisation.name-invalid",
        [BrokerError.OrganisationProductionUnitInvalid] = "organisation.production-unit-invalid",
        [BrokerError.OrganisationSeNumberInvalid] = "organisation.se-number-invalid",
        [BrokerError.OrganisationStatusInvalid] = "organisation.status-invalid",
        [BrokerError.OrganisationClosed] = "organisation.closed",
        [BrokerError.OrganisationNotActive] = "organisation.not-active",
        [BrokerError.OrganisationAdministratorInvalid] = "organisation.administrator-invalid",
        [BrokerError.OrganisationScopeNotOwned] = "organisation.scope-not-owned",
        [BrokerError.OrganisationBatchInvalid] = "organisation.batch-invalid",
        [BrokerError.EmployeeUnknown] = "employee.unknown",
        [BrokerError.EmployeeRevoked] = "employee.revoked",
        [BrokerError.EmployeeNotActive] = "employee.not-active",
        [BrokerError.EmployeeLoaInvalid] = "employee.loa-invalid",
        [BrokerError.EmployeeStatusInvalid] = "employee.status-invalid",
        [BrokerError.EmployeeExists] = "employee.exists",
        [BrokerError.EmployeeAlreadyBound] = "employee.already-bound",
        [BrokerError.EmployeePersonUnknown] = "employee.person-unknown",
        [BrokerError.EmployeePersonAmbiguous] = "employee.person-ambiguous",
        [BrokerError.PrivilegesItSystemUnknown] = "privileges.it-system-unknown",
        [BrokerError.PrivilegesCatalogueInvalid] = "privileges.catalogue-invalid",
        [BrokerError.RightsPrivilegeUnknown] = "rights.privilege-unknown",
        [BrokerError.RightsScopeInvalid] = "rights.scope-invalid",
        [BrokerError.RightsUnknown] = "rights.unknown",
        [BrokerError.RightsLimitReached] = "rights.limit-reached",
        [BrokerError.RequestIdMissing] = "request.id-missing",
        [BrokerError.RequestIdInvalid] = "request.id-invalid",
        [BrokerError.RequestIdReused] = "request.id-reused",
        [BrokerError.OrganisationIdpMetadataInvalid] = "organisation.idp-metadata-invalid",
        [BrokerError.OrganisationIdpCertificateInvalid] = "organisation.idp-certificate-invalid",
        [BrokerError.OrganisationIdpEndpointInvalid] = "organisation.idp-endpoint-invalid",
        [BrokerError.OrganisationIdpLoaInvalid] = "organisation.idp-loa-invalid",
        [BrokerError.OrganisationIdpDomainInvalid] = "organisation.idp-domain-invalid",
        [BrokerError.OrganisationIdpDomainTaken] = "organisation.idp-domain-taken",
        [BrokerError.OrganisationIdpUnknown] = "organisation.idp-unknown",
        [BrokerError.OrganisationIdpEntityIdInvalid] = "organisation.idp-entity-id-invalid",
        [BrokerError.OrganisationIdpNotFound] = "organisation.idp-not-found",
        [BrokerError.OrganisationIdpResponseInvalid] = "organisation.idp-response-invalid",
        [BrokerError.OrganisationIdpAssertionReplayed] = "organisation.idp-assertion-replayed",
        [BrokerError.OrganisationIdpAssertionEncrypted] = "organisation.idp-assertion-encrypted",
        [BrokerError.OrganisationIdpDecryptionFailed] = "organisation.idp-decryption-failed",
        [BrokerError.OrganisationIdpEncryptionAlgorithmRefused] = "organisation.idp-encryption-algorithm-refused",
        [BrokerError.OrganisationIdpEncryptionRequired] = "organisation.idp-encryption-required",
        [BrokerError.OrganisationIdpEncryptedAssertionInvalid] = "organisation.idp-encrypted-assertion-invalid",
        [BrokerError.MandateUnknown] = "mandate.unknown",
        [BrokerError.MandatePartyInvalid] = "mandate.party-invalid",
        [BrokerError.MandatePersonUnknown] = "mandate.person-unknown",
        [BrokerError.MandateGrantorUnderAge] = "mandate.grantor-under-age",
        [BrokerError.MandateOrganisationUnknown] = "mandate.organisation-unknown",
        [BrokerError.MandateOrganisationNotActive] = "mandate.organisation-not-active",
        [BrokerError.MandateValidityInvalid] = "mandate.validity-invalid",
        [BrokerError.MandateSystemsInvalid] = "mandate.systems-invalid",
        [BrokerError.MandateItSystemUnknown] = "mandate.it-system-unknown",
        [BrokerError.MandatePrivilegeUnknown] = "mandate.privilege-unknown",
        [BrokerError.MandateExists] = "mandate.exists",
        [BrokerError.MandateRevoked] = "mandate.revoked",
        [BrokerError.MandateExpired] = "mandate.expired",
        [BrokerError.MandateNotRequested] = "mandate.not-requested",
        [BrokerError.MandateLimitReached] = "mandate.limit-reached",
        [BrokerError.MandatePersonAmbiguous] = "mandate.person-ambiguous",
        [BrokerError.MandateRequestLimitReached] = "mandate.request-limit-reached",
        [BrokerError.MandateBatchInvalid] = "mandate.batch-invalid",
        [BrokerError.SelfServiceFormInvalid] = "self-service.form-invalid",
        [BrokerError.SelfServiceNotYours] = "self-service.not-yours",
        [BrokerError.SelfServiceLoaTooLow] = "self-service.loa-too-low",
        [BrokerError.SelfServiceLoginFailed] = "self-service.login-failed",
        [BrokerError.SelfServiceLoginCancelled] = "self-service.login-cancelled",
        [BrokerError.SelfServiceNotAdministrator] = "self-service.not-administrator",
        [BrokerError.SelfServiceFieldInvalid] = "self-service.field-invalid",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, BrokerError> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The stable name, e.g. <c>flow.unknown</c>.</summary>
    public static string Name(BrokerError error) =>
        Names.TryGetValue(error, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(error), error, "Not in the registry.");

    /// <summary>The number and name as one reference for people and support, e.g. <c>1001 flow.unknown</c>.</summary>
    public static string Reference(BrokerError error) => string.Create(CultureInfo.InvariantCulture, $"{(int)error} {Name(error)}");

    /// <summary>The error a stable name stands for, when it is one of the registry's.</summary>
    public static bool TryParse(string? name, out BrokerError error) => ByName.TryGetValue(name ?? string.Empty, out error);

    /// <summary>
    /// True for the signer pool's "temporarily unable to sign" codes (overloaded, HSM unavailable): the caller answers 503,
    /// never an unsigned message.
    /// </summary>
    public static bool IsTransientSigning(string code) =>
        code == Names[BrokerError.SigningOverloaded] || code == Names[BrokerError.SigningHsmUnavailable];

    /// <summary>Every registered error (for the registry's own tests and documentation).</summary>
    public static IReadOnlyCollection<BrokerError> All => Names.Keys;
}
