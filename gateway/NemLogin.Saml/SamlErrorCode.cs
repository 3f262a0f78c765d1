namespace NemLogin.Saml;

/// <summary>
/// Every reason the SAML library refuses a message. Numbers are stable: tests, audit records and error pages
/// carry them. Add new codes at the end of their block; never renumber or reuse one.
/// </summary>
public enum SamlErrorCode
{
    // Transport and bindings.
    MessageMissing = 100,
    MessageTooLarge = 101,
    InflateTooLarge = 102,
    EncodingInvalid = 103,
    RelayStateTooLong = 104,

    // XML.
    XmlMalformed = 200,
    XmlDtdProhibited = 201,
    XmlTooDeep = 202,
    XmlUnexpectedRoot = 203,
    XmlSchemaViolation = 204,
    DuplicateId = 205,
    CommentInIdentityValue = 206,
    IdentifierTooLong = 207,

    // XML and binding signatures.
    SignatureMissing = 300,
    SignatureInvalid = 301,
    SignatureAlgorithmNotAllowed = 302,
    DigestAlgorithmNotAllowed = 303,
    SignatureReferenceInvalid = 304,
    SignatureTransformNotAllowed = 305,
    SignaturePlacementInvalid = 306,
    SignatureKeyUntrusted = 307,
    SignatureCertificateExpired = 308,
    SignedInfoInvalid = 309,
    SignatureKeyTooSmall = 310,

    // XML encryption.
    EncryptionMissing = 400,
    DecryptionFailed = 401,
    EncryptionAlgorithmNotAllowed = 402,
    EncryptedAssertionInvalid = 403,
    CipherValueTooLarge = 404,
    DecryptionKeyMissing = 405,

    // Protocol rules on requests.
    VersionInvalid = 500,
    IssuerMissing = 501,
    IssuerUnknown = 502,
    IssuerMismatch = 503,
    DestinationMismatch = 504,
    IssueInstantInvalid = 505,
    AcsUrlNotRegistered = 506,
    ProtocolBindingUnsupported = 507,
    NameIdPolicyUnsupported = 508,
    AuthnContextUnsupported = 509,
    RequestIdMissing = 510,
    RequestReplayed = 511,
    IssuerFormatInvalid = 512,
    SloEndpointNotRegistered = 513,
    RequestExpired = 514,
    IdentifierUnsupported = 515,
    NameIdMismatch = 516,
    AttributeProfileNotOffered = 517,

    // Responses and assertions (what a service provider checks).
    StatusNotSuccess = 600,
    InResponseToMismatch = 601,
    AssertionCountInvalid = 602,
    AudienceMismatch = 603,
    RecipientMismatch = 604,
    AssertionExpired = 605,
    AssertionNotYetValid = 606,
    SubjectConfirmationInvalid = 607,
    AuthnStatementInvalid = 608,
    AttributeStatementInvalid = 609,
    AssertionReplayed = 610,
    SubjectNameIdMissing = 611,
    ConditionsInvalid = 612,
    ResponseReplayed = 613,

    // Metadata.
    MetadataInvalid = 700,
    MetadataCertificateMissing = 701,
    MetadataCertificateExpired = 702,
    MetadataAcsMissing = 703,
    MetadataEndpointInsecure = 704,
    MetadataAttributeUnknown = 705,
    MetadataExpired = 706,
    MetadataKeyTooSmall = 707,
    MetadataKeyUnsupported = 708,
}
