import { createVerify } from "node:crypto";
import { inflateRawSync } from "node:zlib";

export const RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/**
 * Reads an HTTP-Redirect binding URL the way an IdP must (SAML Bindings 3.4.4.1): the signature
 * covers the raw, still URL-encoded octets `SAMLRequest=…&RelayState=…&SigAlg=…`, in that order.
 */
export function readRedirect(url) {
  const parsed = new URL(url);
  const raw = new Map(parsed.search.slice(1).split("&").map((pair) => {
    const at = pair.indexOf("=");
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
  const signedOctets = ["SAMLRequest", "RelayState", "SigAlg"]
    .filter((name) => raw.has(name))
    .map((name) => `${name}=${raw.get(name)}`)
    .join("&");
  const params = parsed.searchParams;
  return {
    endpoint: `${parsed.origin}${parsed.pathname}`,
    xml: inflateRawSync(Buffer.from(params.get("SAMLRequest"), "base64")).toString("utf8"),
    relayState: params.get("RelayState"),
    sigAlg: params.get("SigAlg"),
    verifies(certPem) {
      if (params.get("SigAlg") !== RsaSha256 || !params.get("Signature")) {
        return false;
      }
      return createVerify("RSA-SHA256").update(signedOctets).verify(certPem, params.get("Signature"), "base64");
    },
  };
}
