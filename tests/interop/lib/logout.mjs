import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { LoginError } from "./login-error.mjs";

const Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";

/**
 * A signed HTTP-Redirect LogoutRequest for the principal and session node-saml logged in
 * (`getLogoutUrlAsync`), to the IdP's SingleLogoutService. Returns the URL and the request ID.
 */
export async function logoutRequestUrl(sp, { requestId, nameId, nameIdFormat, sessionIndex, relayState }) {
  const url = await sp.getLogoutUrlAsync({ nameID: nameId, nameIDFormat: nameIdFormat, sessionIndex }, relayState, {});
  return { url, id: requestId };
}

/**
 * Validates the IdP's HTTP-Redirect LogoutResponse with `validateRedirectAsync`: query signature
 * by an IdP certificate, Issuer, top-level status Success and InResponseTo = the request sent
 * (node-saml keeps sent IDs in its cache; a fresh process is told the one it sent).
 */
export async function validateLogoutResponse(sp, { inResponseTo, url }) {
  await sp.cacheProvider.saveAsync(inResponseTo, new Date().toISOString());
  const { query, originalQuery } = readRedirect(url);
  if (!query.SAMLResponse) {
    throw new LoginError("validate", "the URL carries no SAMLResponse");
  }
  const result = await sp.validateRedirectAsync(query, originalQuery);
  if (!result.loggedOut) {
    throw new LoginError("validate", "node-saml did not report a logout");
  }
  const status = readStatus(inflateRawSync(Buffer.from(query.SAMLResponse, "base64")).toString("utf8"));
  return { ...status, relayState: query.RelayState ?? null };
}

/**
 * Validates the IdP's LogoutRequest, HTTP-Redirect (`validateRedirectAsync`: query signature,
 * Issuer, NotOnOrAfter) or HTTP-POST (`validatePostRequestAsync`: XML signature on the root),
 * and builds the signed HTTP-Redirect LogoutResponse (`getLogoutResponseUrlAsync`, Success).
 */
export async function handleLogoutRequest(sp, { url, samlRequest, relayState }) {
  let result;
  let relay = relayState ?? null;
  if (url) {
    const { query, originalQuery } = readRedirect(url);
    if (!query.SAMLRequest) {
      throw new LoginError("validate", "the URL carries no SAMLRequest");
    }
    relay = query.RelayState ?? null;
    result = await sp.validateRedirectAsync(query, originalQuery);
  } else {
    result = await sp.validatePostRequestAsync({ SAMLRequest: samlRequest });
  }
  if (!result.loggedOut || !result.profile) {
    throw new LoginError("validate", "node-saml did not read a LogoutRequest");
  }
  const responseUrl = await sp.getLogoutResponseUrlAsync(result.profile, relay ?? undefined, {}, true);
  return { profile: result.profile, relayState: relay, responseUrl };
}

/** The decoded parameters and the raw query string of an HTTP-Redirect binding URL. */
function readRedirect(url) {
  const parsed = new URL(url);
  return { query: Object.fromEntries(parsed.searchParams), originalQuery: parsed.search.slice(1) };
}

function readStatus(xml) {
  const document = new DOMParser().parseFromString(xml, "text/xml");
  const codes = document.getElementsByTagNameNS(Protocol, "StatusCode");
  const root = document.documentElement;
  return {
    inResponseTo: root.getAttribute("InResponseTo"),
    status: codes.item(0)?.getAttribute("Value") ?? null,
    subStatus: codes.length > 1 ? codes.item(1).getAttribute("Value") : null,
  };
}
