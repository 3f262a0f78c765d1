namespace NemLogin.Saml;

/// <summary>URIs of SAML 2.0, XML-DSig, XML-Enc and OIOSAML 3 that the library reads and writes.</summary>
public static class SamlConstants
{
    public const string Version = "2.0";

    public static class Namespaces
    {
        public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
        public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
        public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
        public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
        public const string XmlEnc = "http://www.w3.org/2001/04/xmlenc#";
        public const string XmlEnc11 = "http://www.w3.org/2009/xmlenc11#";
        public const string XmlSchema = "http://www.w3.org/2001/XMLSchema";
        public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
    }

    public static class Bindings
    {
        public const string HttpRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
        public const string HttpPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
        public const string Soap = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";
    }

    public static class NameIdFormats
    {
        public const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
        public const string Transient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
        public const string Entity = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
        public const string Unspecified = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    }

    public static class StatusCodes
    {
        public const string Success = "urn:oasis:names:tc:SAML:2.0:status:Success";
        public const string Requester = "urn:oasis:names:tc:SAML:2.0:status:Requester";
        public const string Responder = "urn:oasis:names:tc:SAML:2.0:status:Responder";
        public const string VersionMismatch = "urn:oasis:names:tc:SAML:2.0:status:VersionMismatch";
        public const string NoPassive = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";
        public const string NoAuthnContext = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext";
        public const string AuthnFailed = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";
        public const string RequestDenied = "urn:oasis:names:tc:SAML:2.0:status:RequestDenied";
        public const string InvalidNameIdPolicy = "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy";
        public const string UnsupportedBinding = "urn:oasis:names:tc:SAML:2.0:status:UnsupportedBinding";
        public const string PartialLogout = "urn:oasis:names:tc:SAML:2.0:status:PartialLogout";
        public const string UnknownPrincipal = "urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal";
    }

    public const string BearerConfirmation = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public const string AttributeNameFormatUri = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";

    public static class Algorithms
    {
        public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
        public const string RsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
        public const string RsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
        public const string RsaPssSha256 = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
        public const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
        public const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
        public const string HmacSha1 = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
        public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
        public const string Sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
        public const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";
        public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
        public const string ExclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
        public const string ExclusiveC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
        public const string EnvelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
        public const string Aes256Gcm = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
        public const string Aes128Gcm = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
        public const string Aes256Cbc = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
        public const string Aes128Cbc = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
        public const string RsaOaep = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
        public const string RsaOaepMgf1p = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
        public const string Rsa15 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
        public const string Mgf1Sha256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
    }

    /// <summary>OIOSAML 3 and NSIS values (OIOSAML Web SSO Profile 3.0.3).</summary>
    public static class OioSaml
    {
        public const string SpecVersionValue = "OIO-SAML-3.0";
        public const string NsisAuthnContextClassRef = "https://data.gov.dk/concept/core/nsis";
        public const string LoaLow = "https://data.gov.dk/concept/core/nsis/loa/Low";
        public const string LoaSubstantial = "https://data.gov.dk/concept/core/nsis/loa/Substantial";
        public const string LoaHigh = "https://data.gov.dk/concept/core/nsis/loa/High";
        public const string ProfilePerson = "https://data.gov.dk/eid/Person";
        public const string ProfileProfessional = "https://data.gov.dk/eid/Professional";
        public const string PersonNameIdPrefix = "https://data.gov.dk/model/core/eid/person/uuid/";
        public const string ProfessionalNameIdPrefix = "https://data.gov.dk/model/core/eid/professional/uuid/";
    }

    /// <summary>OIOSAML 3 attribute names (absolute URIs, NameFormat uri).</summary>
    public static class Attributes
    {
        private const string Prefix = "https://data.gov.dk/model/core/";
        public const string SpecVersion = Prefix + "specVersion";
        public const string Loa = "https://data.gov.dk/concept/core/nsis/loa";
        public const string Ial = "https://data.gov.dk/concept/core/nsis/ial";
        public const string Aal = "https://data.gov.dk/concept/core/nsis/aal";
        public const string FullName = Prefix + "eid/fullName";
        public const string FirstName = Prefix + "eid/firstName";
        public const string LastName = Prefix + "eid/lastName";
        public const string Email = Prefix + "eid/email";
        public const string CprNumber = Prefix + "eid/cprNumber";
        public const string CprUuid = Prefix + "eid/cprUuid";
        public const string DateOfBirth = Prefix + "eid/dateOfBirth";
        public const string Age = Prefix + "eid/age";
        public const string ProfessionalUuid = Prefix + "eid/professional/uuid/persistent";
        public const string Cvr = Prefix + "eid/professional/cvr";
        public const string OrgName = Prefix + "eid/professional/orgName";
        public const string ProductionUnit = Prefix + "eid/professional/productionUnit";
        public const string SeNumber = Prefix + "eid/professional/seNumber";
        public const string AuthorizedToRepresent = Prefix + "eid/professional/authorizedToRepresent";
        public const string PrivilegesIntermediate = Prefix + "eid/privilegesIntermediate";
        public const string BootstrapToken = Prefix + "eid/bootstrapToken";

        /// <summary>Every attribute name the broker knows; metadata may request only these.</summary>
        public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
        {
            SpecVersion, Loa, Ial, Aal, FullName, FirstName, LastName, Email, CprNumber, CprUuid, DateOfBirth, Age,
            ProfessionalUuid, Cvr, OrgName, ProductionUnit, SeNumber, AuthorizedToRepresent, PrivilegesIntermediate,
            BootstrapToken,
        };
    }
}
