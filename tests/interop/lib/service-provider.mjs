import { generateServiceProviderMetadata, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { NameIdFormat, NsisLoa } from "./constants.mjs";

/**
 * The settings of an OIOSAML 3 service provider: signed HTTP-Redirect AuthnRequests
 * (RSA-SHA256), persistent NameID, NSIS LoA "minimum Substantial", signed and encrypted
 * assertions, InResponseTo always checked. Every node-saml check stays on.
 */
function settings({ entityId, acsUrl, key, cert, decryptionKey }) {
  return {
    issuer: entityId,
    audience: entityId,
    callbackUrl: acsUrl,
    privateKey: key,
    publicCert: cert,
    decryptionPvk: decryptionKey ?? key,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    authnRequestBinding: "HTTP-Redirect",
    identifierFormat: NameIdFormat.persistent,
    authnContext: [NsisLoa.substantial],
    racComparison: "minimum",
    wantAssertionsSigned: true,
    // OIOSAML 3: the Response SHOULD NOT be signed; the assertion inside is.
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
  };
}

/** A node-saml SP that trusts only the signing certificates and issuer of `idp`. */
export function createServiceProvider({ idp, ...sp }) {
  return new SAML({
    ...settings(sp),
    entryPoint: idp.ssoRedirectUrl,
    idpCert: idp.signingCerts,
    idpIssuer: idp.entityId,
  });
}

/**
 * SP metadata publishing the signing certificate and the encryption certificate (the signing one
 * unless another is given). node-saml publishes a certificate only for a key it holds.
 */
export function serviceProviderMetadata({ encryptionCert, ...sp }) {
  return generateServiceProviderMetadata({
    ...settings(sp),
    publicCerts: sp.cert,
    decryptionCert: encryptionCert ?? sp.cert,
  });
}
