import { generateServiceProviderMetadata, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { Bindings, EidProfile, NameIdFormat, NsisLoa } from "./constants.mjs";

/**
 * The settings of an OIOSAML 3 service provider: signed HTTP-Redirect AuthnRequests
 * (RSA-SHA256), persistent NameID, NSIS LoA "minimum Substantial", signed and encrypted
 * assertions, InResponseTo always checked. Every node-saml check stays on.
 */
function settings({ entityId, acsUrl, sloUrl, key, cert, decryptionKey, profile }) {
  return {
    issuer: entityId,
    audience: entityId,
    callbackUrl: acsUrl,
    logoutCallbackUrl: sloUrl,
    privateKey: key,
    publicCert: cert,
    decryptionPvk: decryptionKey ?? key,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    authnRequestBinding: "HTTP-Redirect",
    identifierFormat: NameIdFormat.persistent,
    // The Professional profile is asked for as a second class ref beside the level (OIOSAML 3).
    authnContext: profile === "professional" ? [NsisLoa.substantial, EidProfile.professional] : [NsisLoa.substantial],
    racComparison: "minimum",
    wantAssertionsSigned: true,
    // OIOSAML 3: the Response SHOULD NOT be signed; the assertion inside is.
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
  };
}

/**
 * A node-saml SP that trusts only the signing certificates and issuer of `idp`; its logout
 * messages go to the IdP's HTTP-Redirect SingleLogoutService. `requestId` fixes the ID of the
 * next message it writes, so a caller can later check the answer's InResponseTo.
 */
export function createServiceProvider({ idp, requestId, ...sp }) {
  return new SAML({
    ...settings(sp),
    entryPoint: idp.ssoRedirectUrl,
    logoutUrl: idp.sloRedirectUrl ?? undefined,
    idpCert: idp.signingCerts,
    idpIssuer: idp.entityId,
    ...(requestId ? { generateUniqueId: () => requestId } : {}),
  });
}

/**
 * SP metadata publishing the signing certificate and the encryption certificate (the signing one
 * unless another is given), and with `sloUrl` a SingleLogoutService. node-saml publishes a
 * certificate only for a key it holds, and writes its SingleLogoutService with HTTP-POST only;
 * `sloBinding: "redirect"` registers HTTP-Redirect instead, the binding node-saml can check a
 * LogoutResponse's InResponseTo on.
 */
export function serviceProviderMetadata({ encryptionCert, sloBinding = "redirect", ...sp }) {
  const xml = generateServiceProviderMetadata({
    ...settings(sp),
    publicCerts: sp.cert,
    decryptionCert: encryptionCert ?? sp.cert,
  });
  if (!sp.sloUrl || sloBinding === "post") {
    return xml;
  }
  const post = `Binding="${Bindings.post}"`;
  const at = xml.indexOf("SingleLogoutService");
  const binding = xml.indexOf(post, at);
  if (at < 0 || binding < 0) {
    throw new Error("node-saml wrote no HTTP-POST SingleLogoutService to rebind");
  }
  return xml.slice(0, binding) + `Binding="${Bindings.redirect}"` + xml.slice(binding + post.length);
}
