import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createPki } from "./support/pki.mjs";
import { runCli } from "./support/run-cli.mjs";
import { all, ns, one, parseXml } from "./support/xml.mjs";

let pki;
before(() => {
  pki = createPki("sp", "spenc");
});
after(() => pki.dispose());

function keyDescriptorCert(descriptor, use) {
  const keys = all(descriptor, ns.md, "KeyDescriptor").filter((key) => key.getAttribute("use") === use);
  assert.equal(keys.length, 1, `one KeyDescriptor use="${use}"`);
  return one(keys[0], ns.ds, "X509Certificate").textContent.replace(/\s+/g, "");
}

test("metadata_SigningAndEncryptionCertificates_PublishesBothWithTheirUse", async () => {
  const { code, stdout, stderr } = await runCli("metadata", "--entity-id", "https://sp.test/", "--acs", "https://sp.test/acs",
    "--cert", pki.sp.certPath, "--key", pki.sp.keyPath, "--enc-cert", pki.spenc.certPath, "--enc-key", pki.spenc.keyPath);

  assert.equal(code, 0, stderr);
  const entity = one(parseXml(stdout), ns.md, "EntityDescriptor");
  assert.equal(entity.getAttribute("entityID"), "https://sp.test/");
  const sp = one(entity, ns.md, "SPSSODescriptor");
  assert.equal(sp.getAttribute("AuthnRequestsSigned"), "true");
  assert.equal(sp.getAttribute("WantAssertionsSigned"), "true");
  assert.equal(keyDescriptorCert(sp, "signing"), pki.sp.certBody);
  assert.equal(keyDescriptorCert(sp, "encryption"), pki.spenc.certBody);
  const acs = one(sp, ns.md, "AssertionConsumerService");
  assert.equal(acs.getAttribute("Binding"), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
  assert.equal(acs.getAttribute("Location"), "https://sp.test/acs");
  assert.equal(one(sp, ns.md, "NameIDFormat").textContent, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
});

test("metadata_NoEncryptionCertificate_PublishesSigningCertificateForEncryption", async () => {
  const { code, stdout, stderr } = await runCli("metadata", "--entity-id", "https://sp.test/", "--acs", "https://sp.test/acs",
    "--cert", pki.sp.certPath, "--key", pki.sp.keyPath);

  assert.equal(code, 0, stderr);
  const sp = one(parseXml(stdout), ns.md, "SPSSODescriptor");
  assert.equal(keyDescriptorCert(sp, "encryption"), pki.sp.certBody);
});

test("metadata_MissingKey_ExitsWithUsage", async () => {
  const { code, stdout, stderr } = await runCli("metadata", "--entity-id", "https://sp.test/", "--acs", "https://sp.test/acs",
    "--cert", pki.sp.certPath);

  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /missing --key/);
});

test("metadata_CertificateFileIsNotPem_ExitsWithUsage", async () => {
  const { code, stderr } = await runCli("metadata", "--entity-id", "https://sp.test/", "--acs", "https://sp.test/acs",
    "--cert", pki.sp.certPath.replace(/\.pem$/, ".missing"), "--key", pki.sp.keyPath);

  assert.equal(code, 2);
  assert.match(stderr, /--cert: cannot read/);
});
