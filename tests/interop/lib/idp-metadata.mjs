import { readFile } from "node:fs/promises";
import { DOMParser } from "@xmldom/xmldom";
import { Bindings, MetadataNs, XmlDsigNs } from "./constants.mjs";

/**
 * What the service provider needs from the broker's IdP metadata: the entity ID it must see as
 * Issuer, the HTTP-Redirect SSO and SLO endpoints, and the signing certificates (several during rollover).
 * The metadata is taken from a URL or file the test controls, so it is trusted as configuration.
 */
export async function loadIdpMetadata(source, { fetchImpl = fetch } = {}) {
  const xml = /^https?:\/\//i.test(source) ? await download(source, fetchImpl) : await readFile(source, "utf8");
  return parseIdpMetadata(xml, source);
}

async function download(url, fetchImpl) {
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) {
    throw new Error(`IdP metadata ${url} answered HTTP ${response.status}`);
  }
  return response.text();
}

export function parseIdpMetadata(xml, source = "metadata") {
  const document = parseXml(xml, source);
  const entity = nodes(document.getElementsByTagNameNS(MetadataNs, "EntityDescriptor"))
    .find((candidate) => childrenNamed(candidate, "IDPSSODescriptor").length > 0);
  if (!entity) {
    throw new Error(`${source}: no EntityDescriptor with an IDPSSODescriptor`);
  }
  const idp = childrenNamed(entity, "IDPSSODescriptor")[0];
  const sso = childrenNamed(idp, "SingleSignOnService")
    .find((service) => service.getAttribute("Binding") === Bindings.redirect);
  const slo = childrenNamed(idp, "SingleLogoutService")
    .find((service) => service.getAttribute("Binding") === Bindings.redirect);
  const signingCerts = childrenNamed(idp, "KeyDescriptor")
    // SAML Metadata 2.4.1.1: a KeyDescriptor without `use` serves both signing and encryption.
    .filter((key) => (key.getAttribute("use") || "signing") === "signing")
    .flatMap((key) => nodes(key.getElementsByTagNameNS(XmlDsigNs, "X509Certificate")))
    .map((cert) => cert.textContent.replace(/\s+/g, ""))
    .filter((cert) => cert.length > 0);
  if (signingCerts.length === 0) {
    throw new Error(`${source}: the IDPSSODescriptor has no signing certificate`);
  }
  return {
    entityId: entity.getAttribute("entityID"),
    ssoRedirectUrl: sso?.getAttribute("Location") || null,
    sloRedirectUrl: slo?.getAttribute("Location") || null,
    signingCerts,
  };
}

function parseXml(xml, source) {
  const problems = [];
  const report = (message) => problems.push(message);
  const document = new DOMParser({ errorHandler: { error: report, fatalError: report } })
    .parseFromString(xml, "text/xml");
  if (problems.length > 0 || !document?.documentElement) {
    throw new Error(`${source}: not well-formed XML (${problems[0] ?? "empty document"})`);
  }
  return document;
}

function childrenNamed(element, localName) {
  return nodes(element.childNodes).filter(
    (node) => node.nodeType === 1 && node.namespaceURI === MetadataNs && node.localName === localName);
}

/** xmldom 0.8 node lists are not iterable. */
function nodes(list) {
  return Array.from({ length: list.length }, (_, index) => list.item(index));
}
