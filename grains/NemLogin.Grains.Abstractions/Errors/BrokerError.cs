namespace NemLogin.Grains.Errors;

/// <summary>
/// Every refusal of the broker outside the SAML library, numbered (the SAML library's own are <c>SamlErrorCode</c>, written
/// <c>saml.{number}.{name}</c>). Each has a stable name (<see cref="BrokerErrors.Name"/>) that error pages, problem documents,
/// audit records and tests carry. Numbers and names are never renumbered or reused; add new ones at the end of their block.
/// </summary>
public enum BrokerError
{
    // Login flows and sessions (1000-1099).
    FlowUnknown = 1001,
    FlowBrowserMismatch = 1002,
    FlowUpstreamMismatch = 1003,
    FlowServiceProviderGone = 1004,
    FlowExists = 1005,
    SessionNone = 1010,
    SessionExists = 1011,
    LogoutUnknown = 1020,
    LogoutExists = 1021,
    LogoutFromOtherBrowser = 1022,
    IdentityUnknown = 1030,

    // Upstream identity providers (2000-2099).
    UpstreamCancelled = 2001,
    UpstreamError = 2002,
    UpstreamIssuerMismatch = 2003,
    UpstreamResponseInvalid = 2004,
    UpstreamFlowInvalid = 2005,
    UpstreamMetadataUnavailable = 2006,
    UpstreamExchangeFailed = 2007,
    UpstreamTokenInvalid = 2008,
    UpstreamNonceMismatch = 2009,
    UpstreamReauthenticationMissing = 2010,
    UpstreamLoaNotReached = 2011,

    // Administration and service provider registrations (3000-3199).
    AdminUnauthorized = 3001,
    AdminServiceProviderUnknown = 3002,
    AdminUnsupportedMediaType = 3003,
    AdminBodyTooLarge = 3004,
    AdminRequestInvalid = 3005,
    AdminOidcClientInvalid = 3006,
    AdminOidcClientUnknown = 3007,
    SpUnknown = 3101,
    SpEntityIdMismatch = 3102,
    SpNoSigningCertificate = 3103,
    SpNoEncryptionCertificate = 3104,
    SpNoPostAcs = 3105,
    SpPolicyInvalid = 3106,
    SpMetadataSourceInvalid = 3107,
    SpMetadataFetchFailed = 3108,
    SpMetadataTooLarge = 3109,

    // Signing (4000-4099).
    SigningAlgorithmUnsupported = 4001,
    SigningKeyUnknown = 4002,
    SigningNoCurrentKey = 4003,
    SigningOverloaded = 4004,
    SigningHsmUnavailable = 4005,
    SigningDecryptionAlgorithmRefused = 4006,
    SigningDecryptionFailed = 4007,

    // OpenID Connect (5000-5099), when the provider refuses on its own account rather than through OpenIddict's errors.

    // Organisations (6000-6049): MitID Erhverv user organisations keyed by CVR.
    OrganisationCvrInvalid = 6001,
    OrganisationUnknown = 6002,
    OrganisationNameInvalid = 6003,
    OrganisationProductionUnitInvalid = 6004,
    OrganisationSeNumberInvalid = 6005,
    OrganisationStatusInvalid = 6006,
    OrganisationClosed = 6007,
    OrganisationNotActive = 6008,
    OrganisationAdministratorInvalid = 6009,
    OrganisationScopeNotOwned = 6010,
    OrganisationBatchInvalid = 6011,

    // Employees: business identities of an organisation (6050-6099).
    EmployeeUnknown = 6051,
    EmployeeRevoked = 6052,
    EmployeeNotActive = 6053,
    EmployeeLoaInvalid = 6054,
    EmployeeStatusInvalid = 6055,
    EmployeeExists = 6056,
    EmployeeAlreadyBound = 6057,
    EmployeePersonUnknown = 6058,
    EmployeePersonAmbiguous = 6059,

    // Privileges catalogues of IT systems and the rights granted from them (FBRS) (6100-6149).
    PrivilegesItSystemUnknown = 6101,
    PrivilegesCatalogueInvalid = 6102,
    RightsPrivilegeUnknown = 6103,
    RightsScopeInvalid = 6104,
    RightsUnknown = 6105,
    RightsLimitReached = 6106,

    // Idempotent changes by a caller's request id (6200-6249).
    RequestIdMissing = 6201,
    RequestIdInvalid = 6202,
    RequestIdReused = 6203,

    // Organisations' own SAML identity providers ("lokal IdP") and the broker as their service provider (6300-6349).
    OrganisationIdpMetadataInvalid = 6301,
    OrganisationIdpCertificateInvalid = 6302,
    OrganisationIdpEndpointInvalid = 6303,
    OrganisationIdpLoaInvalid = 6304,
    OrganisationIdpDomainInvalid = 6305,
    OrganisationIdpDomainTaken = 6306,
    OrganisationIdpUnknown = 6307,
    OrganisationIdpEntityIdInvalid = 6308,
    OrganisationIdpNotFound = 6309,
    OrganisationIdpResponseInvalid = 6310,
    OrganisationIdpAssertionReplayed = 6311,
    OrganisationIdpAssertionEncrypted = 6312,
    OrganisationIdpDecryptionFailed = 6313,
    OrganisationIdpEncryptionAlgorithmRefused = 6314,
    OrganisationIdpEncryptionRequired = 6315,
    OrganisationIdpEncryptedAssertionInvalid = 6316,

    // Mandates (fuldmagt): a person or organisation acting for another at chosen IT systems (7000-7099).
    MandateUnknown = 7001,
    MandatePartyInvalid = 7002,
    MandatePersonUnknown = 7003,
    MandateGrantorUnderAge = 7004,
    MandateOrganisationUnknown = 7005,
    MandateOrganisationNotActive = 7006,
    MandateValidityInvalid = 7007,
    MandateSystemsInvalid = 7008,
    MandateItSystemUnknown = 7009,
    MandatePrivilegeUnknown = 7010,
    MandateExists = 7011,
    MandateRevoked = 7012,
    MandateExpired = 7013,
    MandateNotRequested = 7014,
    MandateLimitReached = 7015,
    MandatePersonAmbiguous = 7016,
    MandateRequestLimitReached = 7017,
    MandateBatchInvalid = 7018,

    // Self-service pages: a person's own mandates, an organisation administrator's employees and rights (8000-8099).
    SelfServiceFormInvalid = 8001,
    SelfServiceNotYours = 8002,
    SelfServiceLoaTooLow = 8003,
    SelfServiceLoginFailed = 8004,
    SelfServiceLoginCancelled = 8005,
    SelfServiceNotAdministrator = 8006,
    SelfServiceFieldInvalid = 8007,
}
