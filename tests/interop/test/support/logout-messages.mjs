import { createSign, randomUUID } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";
import { RsaSha256 } from "./redirect-binding.mjs";
import { xmlEscape as x } from "./xml.mjs";

const protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
const assertion = "urn:oasis:names:tc:SAML:2.0:assertion";

/** A LogoutRequest as the broker writes one to a participant (SAML Core 3.7.1). */
export function logoutRequestXml({ id = `_${randomUUID()}`, issuer, destination, nameId, sessionIndex, now = new Date() }) {
  const in5Minutes = new Date(now.getTime() + 5 * 60_000).toISOString();
  return `<samlp:LogoutRequest xmlns:samlp="${protocol}" xmlns:saml="${assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" ` +
    `Destination="${x(destination)}" NotOnOrAfter="${in5Minutes}" Reason="urn:oasis:names:tc:SAML:2.0:logout:user">` +
    `<saml:Issuer>${x(issuer)}</saml:Issuer>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${x(nameId)}</saml:NameID>` +
    `<samlp:SessionIndex>${x(sessionIndex)}</samlp:SessionIndex>` +
    "</samlp:LogoutRequest>";
}

/** A LogoutResponse as the broker answers an initiator, optionally with a second-level status. */
export function logoutResponseXml({ issuer, destination, inResponseTo, status = "urn:oasis:names:tc:SAML:2.0:status:Success", subStatus, now = new Date() }) {
  const sub = subStatus ? `<samlp:StatusCode Value="${x(subStatus)}"/>` : "";
  return `<samlp:LogoutResponse xmlns:samlp="${protocol}" xmlns:saml="${assertion}" ID="_${randomUUID()}" Version="2.0" ` +
    `IssueInstant="${now.toISOString()}" Destination="${x(destination)}" InResponseTo="${x(inResponseTo)}">` +
    `<saml:Issuer>${x(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${x(status)}">${sub}</samlp:StatusCode></samlp:Status>` +
    "</samlp:LogoutResponse>";
}

/** An HTTP-Redirect binding URL signed over the URL-encoded octets (SAML Bindings 3.4.4.1); `key` null leaves it unsigned. */
export function redirectUrl(endpoint, parameter, xml, key, relayState) {
  const octets = [`${parameter}=${encodeURIComponent(deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`];
  if (relayState !== undefined) {
    octets.push(`RelayState=${encodeURIComponent(relayState)}`);
  }
  if (key === null) {
    return `${endpoint}?${octets.join("&")}`;
  }
  octets.push(`SigAlg=${encodeURIComponent(RsaSha256)}`);
  const signature = createSign("RSA-SHA256").update(octets.join("&")).sign(key, "base64");
  return `${endpoint}?${octets.join("&")}&Signature=${encodeURIComponent(signature)}`;
}

/** The message with an enveloped signature after its Issuer (SAML Bindings 3.5.4), base64 for a form. */
export function signedPostValue(xml, key, cert) {
  const signer = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: RsaSha256,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "/*",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(xml, { location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" } });
  return Buffer.from(signer.getSignedXml(), "utf8").toString("base64");
}
