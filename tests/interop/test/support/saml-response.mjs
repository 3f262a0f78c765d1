import { createPublicKey, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { SignedXml } from "xml-crypto";
import xmlenc from "xml-encryption";
import { xmlEscape as x } from "./xml.mjs";

const encrypt = promisify(xmlenc.encrypt);

/**
 * Builds the Response an OIOSAML 3 IdP sends (docs/oiosaml3.md, "Response shape"): unsigned
 * Response, one EncryptedAssertion, the assertion signed directly (RSA-SHA256, exclusive C14N).
 * `tamper` bends one property so tests can prove the service provider notices.
 */
export async function buildSamlResponse({ idpEntityId, idpKey, idpCert, spEntityId, acsUrl, spEncryptionCert,
  inResponseTo, nameId, attributes, now = new Date(), tamper = {} }) {
  const assertionId = `_${randomUUID()}`;
  const instant = now.toISOString();
  const in5Minutes = new Date(now.getTime() + 5 * 60_000).toISOString();
  const audience = tamper.audience ?? spEntityId;
  const attributeXml = Object.entries(attributes).map(([name, value]) =>
    `<saml:Attribute Name="${x(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
    `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${x(value)}</saml:AttributeValue>` +
    "</saml:Attribute>").join("");
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${instant}">` +
    `<saml:Issuer>${x(idpEntityId)}</saml:Issuer>` +
    "<saml:Subject>" +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${x(nameId)}</saml:NameID>` +
    "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">" +
    `<saml:SubjectConfirmationData InResponseTo="${x(inResponseTo)}" NotOnOrAfter="${in5Minutes}" Recipient="${x(acsUrl)}"/>` +
    "</saml:SubjectConfirmation></saml:Subject>" +
    `<saml:Conditions NotBefore="${instant}" NotOnOrAfter="${in5Minutes}">` +
    `<saml:AudienceRestriction><saml:Audience>${x(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="${assertionId}" SessionNotOnOrAfter="${in5Minutes}">` +
    "<saml:AuthnContext><saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis</saml:AuthnContextClassRef></saml:AuthnContext>" +
    "</saml:AuthnStatement>" +
    `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` +
    "</saml:Assertion>";
  const signed = sign(assertion, tamper.signingKey ?? idpKey, idpCert);
  const encrypted = await encrypt(signed, {
    rsa_pub: createPublicKey(spEncryptionCert).export({ type: "spki", format: "pem" }),
    pem: spEncryptionCert,
    encryptionAlgorithm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
    // The only key transport node-saml's decryptor (xml-encryption 3) accepts besides RSA 1.5.
    keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
    disallowEncryptionWithInsecureAlgorithm: true,
  });
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${instant}" Destination="${x(acsUrl)}" InResponseTo="${x(inResponseTo)}">` +
    `<saml:Issuer>${x(idpEntityId)}</saml:Issuer>` +
    "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>" +
    `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>` +
    "</samlp:Response>";
  return Buffer.from(response, "utf8").toString("base64");
}

function sign(assertion, key, cert) {
  const signer = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(assertion, {
    location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" },
  });
  return signer.getSignedXml();
}
