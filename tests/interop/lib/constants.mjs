/** SAML and OIOSAML 3 identifiers the interop service provider uses. */
export const NameIdFormat = Object.freeze({
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
});

/** NSIS levels of assurance as AuthnContextClassRef values (OIOSAML 3, "Level of assurance"). */
export const NsisLoa = Object.freeze({
  low: "https://data.gov.dk/concept/core/nsis/loa/Low",
  substantial: "https://data.gov.dk/concept/core/nsis/loa/Substantial",
  high: "https://data.gov.dk/concept/core/nsis/loa/High",
});

/** OIOSAML 3 eID attribute profiles, requested as AuthnContextClassRef values. */
export const EidProfile = Object.freeze({
  person: "https://data.gov.dk/eid/Person",
  professional: "https://data.gov.dk/eid/Professional",
});

export const Bindings = Object.freeze({
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
});

export const MetadataNs = "urn:oasis:names:tc:SAML:2.0:metadata";
export const XmlDsigNs = "http://www.w3.org/2000/09/xmldsig#";
