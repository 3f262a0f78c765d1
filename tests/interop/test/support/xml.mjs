import { DOMParser } from "@xmldom/xmldom";

export const ns = {
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
};

export function parseXml(xml) {
  return new DOMParser().parseFromString(xml, "text/xml");
}

/** All elements named `localName` in namespace `namespace` under `node`. */
export function all(node, namespace, localName) {
  const list = node.getElementsByTagNameNS(namespace, localName);
  return Array.from({ length: list.length }, (_, index) => list.item(index));
}

export function one(node, namespace, localName) {
  const found = all(node, namespace, localName);
  if (found.length !== 1) {
    throw new Error(`expected one ${localName}, found ${found.length}`);
  }
  return found[0];
}

/** Escapes text for an XML attribute or element. */
export function xmlEscape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
