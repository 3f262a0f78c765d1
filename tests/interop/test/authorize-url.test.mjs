import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createPki } from "./support/pki.mjs";
import { readRedirect, RsaSha256 } from "./support/redirect-binding.mjs";
import { runCli } from "./support/run-cli.mjs";
import { ns, one, parseXml } from "./support/xml.mjs";

const ssoUrl = "https://broker.test/saml/sso";
let pki;
let metadataPath;

before(() => {
  pki = createPki("sp", "idp", "other");
  metadataPath = join(pki.dir, "idp-metadata.xml");
  writeFileSync(metadataPath,
    `<md:EntityDescriptor xmlns:md="${ns.md}" xmlns:ds="${ns.ds}" entityID="https://broker.test/saml/metadata">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="${ns.samlp}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pki.idp.certBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://broker.test/saml/sso-post"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>` +
    "</md:IDPSSODescriptor></md:EntityDescriptor>");
});
after(() => pki.dispose());

async function authorizeUrl(...extra) {
  const { code, stdout, stderr } = await runCli("authorize-url", "--idp-metadata", metadataPath,
    "--entity-id", "https://sp.test/", "--acs", "https://sp.test/acs", "--key", pki.sp.keyPath, "--cert", pki.sp.certPath, ...extra);
  assert.equal(code, 0, stderr);
  return readRedirect(stdout.trim());
}

test("authorizeUrl_RedirectBinding_SignatureVerifiesWithSpCertificateOnly", async () => {
  const request = await authorizeUrl();

  assert.equal(request.endpoint, ssoUrl);
  assert.equal(request.sigAlg, RsaSha256);
  assert.equal(request.verifies(pki.sp.cert), true);
  assert.equal(request.verifies(pki.other.cert), false);
});

test("authorizeUrl_AuthnRequest_CarriesOioSamlRequirements", async () => {
  const request = await authorizeUrl();
  const authnRequest = one(parseXml(request.xml), ns.samlp, "AuthnRequest");

  assert.equal(authnRequest.getAttribute("Destination"), ssoUrl);
  assert.equal(authnRequest.getAttribute("AssertionConsumerServiceURL"), "https://sp.test/acs");
  assert.equal(authnRequest.getAttribute("ProtocolBinding"), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  assert.match(authnRequest.getAttribute("ID"), /^_[0-9a-f]{20,}$/);
  assert.equal(one(authnRequest, ns.saml, "Issuer").textContent, "https://sp.test/");
  assert.equal(one(authnRequest, ns.samlp, "NameIDPolicy").getAttribute("Format"),
    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
  const requested = one(authnRequest, ns.samlp, "RequestedAuthnContext");
  assert.equal(requested.getAttribute("Comparison"), "minimum");
  assert.equal(one(requested, ns.saml, "AuthnContextClassRef").textContent,
    "https://data.gov.dk/concept/core/nsis/loa/Substantial");
});

test("authorizeUrl_GivenRelayState_IsSentAndSigned", async () => {
  const request = await authorizeUrl("--relay-state", "a/b+c=d&e:f");

  assert.equal(request.relayState, "a/b+c=d&e:f");
  assert.equal(request.verifies(pki.sp.cert), true);
});

test("authorizeUrl_EachCall_UsesAFreshRequestId", async () => {
  const ids = await Promise.all([authorizeUrl(), authorizeUrl()]);
  const [first, second] = ids.map((request) => one(parseXml(request.xml), ns.samlp, "AuthnRequest").getAttribute("ID"));

  assert.notEqual(first, second);
});

test("authorizeUrl_RelayStateNodeSamlWouldMisSign_IsRefused", async () => {
  const { code, stderr } = await runCli("authorize-url", "--idp-metadata", metadataPath,
    "--entity-id", "https://sp.test/", "--acs", "https://sp.test/acs", "--key", pki.sp.keyPath, "--cert", pki.sp.certPath,
    "--relay-state", "two words");

  assert.equal(code, 2);
  assert.match(stderr, /--relay-state/);
});
