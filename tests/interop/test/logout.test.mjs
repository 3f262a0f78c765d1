import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { logoutRequestXml, logoutResponseXml, redirectUrl, signedPostValue } from "./support/logout-messages.mjs";
import { createPki } from "./support/pki.mjs";
import { readRedirect, RsaSha256 } from "./support/redirect-binding.mjs";
import { runCli } from "./support/run-cli.mjs";
import { ns, one, parseXml } from "./support/xml.mjs";

const idpEntityId = "https://broker.test/saml/metadata";
const idpSlo = "https://broker.test/saml/slo";
const spEntityId = "https://sp.test/saml";
const spSlo = "https://sp.test/saml/slo";
const nameId = "https://data.gov.dk/model/core/eid/person/uuid/8c0a7a3e-3c1f-4f0b-9a57-2d1b0e6f4a11";
let pki;
let metadataPath;

before(() => {
  pki = createPki("sp", "idp", "rogue");
  metadataPath = join(pki.dir, "idp-metadata.xml");
  writeFileSync(metadataPath,
    `<md:EntityDescriptor xmlns:md="${ns.md}" xmlns:ds="${ns.ds}" entityID="${idpEntityId}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="${ns.samlp}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pki.idp.certBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${idpSlo}-post"/>` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${idpSlo}"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://broker.test/saml/sso"/>` +
    "</md:IDPSSODescriptor></md:EntityDescriptor>");
});
after(() => pki.dispose());

function cli(command, ...extra) {
  return runCli(command, "--idp-metadata", metadataPath, "--entity-id", spEntityId, "--acs", "https://sp.test/saml/acs",
    "--slo", spSlo, "--key", pki.sp.keyPath, "--cert", pki.sp.certPath, ...extra);
}

async function json(command, ...extra) {
  const run = await cli(command, ...extra);
  assert.ok(run.stdout.trim().startsWith("{"), `no JSON on stdout (exit ${run.code}): ${run.stderr}`);
  return { code: run.code, result: JSON.parse(run.stdout) };
}

test("metadata_SloRedirect_PublishesHttpRedirectSingleLogoutService", async () => {
  const { code, stdout, stderr } = await runCli("metadata", "--entity-id", spEntityId, "--acs", "https://sp.test/saml/acs",
    "--slo", spSlo, "--cert", pki.sp.certPath, "--key", pki.sp.keyPath);

  assert.equal(code, 0, stderr);
  const slo = one(parseXml(stdout), ns.md, "SingleLogoutService");
  assert.equal(slo.getAttribute("Binding"), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect");
  assert.equal(slo.getAttribute("Location"), spSlo);
});

test("metadata_SloPost_KeepsNodeSamlsHttpPostBinding", async () => {
  const { stdout } = await runCli("metadata", "--entity-id", spEntityId, "--acs", "https://sp.test/saml/acs",
    "--slo", spSlo, "--slo-binding", "post", "--cert", pki.sp.certPath, "--key", pki.sp.keyPath);

  assert.equal(one(parseXml(stdout), ns.md, "SingleLogoutService").getAttribute("Binding"),
    "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
});

test("logoutRequestUrl_Session_SignedRequestToIdpRedirectSloWithNameIdAndSessionIndex", async () => {
  const { code, stdout, stderr } = await cli("logout-request-url", "--name-id", nameId, "--session-index", "_s1", "--relay-state", "r-1");

  assert.equal(code, 0, stderr);
  const { url, id } = JSON.parse(stdout);
  const redirect = readRedirect(url);
  assert.equal(redirect.endpoint, idpSlo);
  assert.equal(redirect.sigAlg, RsaSha256);
  assert.equal(redirect.verifies(pki.sp.cert), true);
  assert.equal(redirect.relayState, "r-1");
  const request = one(parseXml(redirect.xml), ns.samlp, "LogoutRequest");
  assert.equal(request.getAttribute("ID"), id);
  assert.equal(request.getAttribute("Destination"), idpSlo);
  assert.equal(one(request, ns.saml, "Issuer").textContent, spEntityId);
  assert.equal(one(request, ns.saml, "NameID").textContent, nameId);
  assert.equal(one(request, ns.samlp, "SessionIndex").textContent, "_s1");
});

test("validateLogoutResponse_SignedPartialLogout_AcceptedAndReported", async () => {
  const url = redirectUrl(spSlo, "SAMLResponse", logoutResponseXml({
    issuer: idpEntityId, destination: spSlo, inResponseTo: "_req-1", subStatus: "urn:oasis:names:tc:SAML:2.0:status:PartialLogout",
  }), pki.idp.key, "r-1");

  const { code, result } = await json("validate-logout-response", "--in-response-to", "_req-1", "--url", url);

  assert.equal(code, 0, JSON.stringify(result));
  assert.equal(result.status, "urn:oasis:names:tc:SAML:2.0:status:Success");
  assert.equal(result.subStatus, "urn:oasis:names:tc:SAML:2.0:status:PartialLogout");
  assert.equal(result.relayState, "r-1");
});

test("validateLogoutResponse_SignedByKeyNotInMetadata_Fails", async () => {
  // Attack class: a LogoutResponse forged with an untrusted key.
  const url = redirectUrl(spSlo, "SAMLResponse", logoutResponseXml({ issuer: idpEntityId, destination: spSlo, inResponseTo: "_req-1" }), pki.rogue.key);

  const { code, result } = await json("validate-logout-response", "--in-response-to", "_req-1", "--url", url);

  assert.equal(code, 1);
  assert.equal(result.stage, "validate");
  assert.match(result.error, /signature/i);
});

test("validateLogoutResponse_AnswersAnotherRequest_Fails", async () => {
  const url = redirectUrl(spSlo, "SAMLResponse", logoutResponseXml({ issuer: idpEntityId, destination: spSlo, inResponseTo: "_other" }), pki.idp.key);

  const { code, result } = await json("validate-logout-response", "--in-response-to", "_req-1", "--url", url);

  assert.equal(code, 1);
  assert.match(result.error, /InResponseTo/);
});

test("validateLogoutResponse_StatusResponder_Fails", async () => {
  const url = redirectUrl(spSlo, "SAMLResponse", logoutResponseXml({
    issuer: idpEntityId, destination: spSlo, inResponseTo: "_req-1", status: "urn:oasis:names:tc:SAML:2.0:status:Responder",
  }), pki.idp.key);

  const { code, result } = await json("validate-logout-response", "--in-response-to", "_req-1", "--url", url);

  assert.equal(code, 1);
  assert.match(result.error, /status/i);
});

test("handleLogoutRequest_SignedRedirect_ProfileAndSignedResponseUrl", async () => {
  const request = logoutRequestXml({ id: "_broker-1", issuer: idpEntityId, destination: spSlo, nameId, sessionIndex: "_s1" });

  const { code, result } = await json("handle-logout-request", "--url", redirectUrl(spSlo, "SAMLRequest", request, pki.idp.key));

  assert.equal(code, 0, JSON.stringify(result));
  assert.equal(result.profile.nameID, nameId);
  assert.equal(result.profile.sessionIndex, "_s1");
  const answer = new URL(result.responseUrl);
  assert.equal(`${answer.origin}${answer.pathname}`, idpSlo);
  assert.ok(answer.searchParams.get("Signature"));
  const response = one(parseXml(inflateRawSync(Buffer.from(answer.searchParams.get("SAMLResponse"), "base64")).toString("utf8")), ns.samlp, "LogoutResponse");
  assert.equal(response.getAttribute("InResponseTo"), "_broker-1");
  assert.equal(response.getAttribute("Destination"), idpSlo);
});

test("handleLogoutRequest_SignedPost_Accepted", async () => {
  const request = logoutRequestXml({ issuer: idpEntityId, destination: spSlo, nameId, sessionIndex: "_s2" });

  const { code, result } = await json("handle-logout-request", "--saml-request", signedPostValue(request, pki.idp.key, pki.idp.cert));

  assert.equal(code, 0, JSON.stringify(result));
  assert.equal(result.profile.sessionIndex, "_s2");
});

test("handleLogoutRequest_SignedByKeyNotInMetadata_Fails", async () => {
  // Attack class: a LogoutRequest forged with an untrusted key would log the person out of the SP.
  const request = logoutRequestXml({ issuer: idpEntityId, destination: spSlo, nameId, sessionIndex: "_s1" });

  const { code, result } = await json("handle-logout-request", "--url", redirectUrl(spSlo, "SAMLRequest", request, pki.rogue.key));

  assert.equal(code, 1);
  assert.match(result.error, /signature/i);
});

test("handleLogoutRequest_FromAnotherIssuer_Fails", async () => {
  const request = logoutRequestXml({ issuer: "https://evil.test/idp", destination: spSlo, nameId, sessionIndex: "_s1" });

  const { code, result } = await json("handle-logout-request", "--url", redirectUrl(spSlo, "SAMLRequest", request, pki.idp.key));

  assert.equal(code, 1);
  assert.match(result.error, /issuer/i);
});

test("handleLogoutRequest_NeitherUrlNorRequest_UsageError", async () => {
  const { code, stderr } = await cli("handle-logout-request");

  assert.equal(code, 2);
  assert.match(stderr, /--url or --saml-request/);
});
