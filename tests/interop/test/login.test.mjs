import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startFakeBroker } from "./support/fake-broker.mjs";
import { createPki } from "./support/pki.mjs";
import { runCli } from "./support/run-cli.mjs";

const spEntityId = "https://sp.interop.test/saml";
const acsUrl = "https://sp.interop.test/saml/acs";
let pki;

before(() => {
  pki = createPki("idp", "sp", "rogue");
});
after(() => pki.dispose());

async function login(tamper = {}) {
  const broker = await startFakeBroker({ idp: pki.idp, sp: pki.sp, spEntityId, acsUrl, tamper });
  try {
    const run = await runCli("login", "--broker", broker.base, "--entity-id", spEntityId, "--acs", acsUrl,
      "--key", pki.sp.keyPath, "--cert", pki.sp.certPath, "--user", "alice");
    assert.ok(run.stdout.trim().startsWith("{"), `no JSON on stdout (exit ${run.code}): ${run.stderr}`);
    return { ...run, result: JSON.parse(run.stdout), seen: broker.seen };
  } finally {
    await broker.close();
  }
}

test("login_SignedEncryptedAssertion_PrintsProfile", async () => {
  const { code, result, seen } = await login();

  assert.equal(code, 0, JSON.stringify(result));
  assert.equal(result.ok, true);
  assert.match(result.profile.nameID, /^https:\/\/data\.gov\.dk\/model\/core\/eid\/person\/uuid\/[0-9a-f-]{36}$/);
  assert.equal(result.profile.nameIDFormat, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
  assert.equal(result.profile["https://data.gov.dk/concept/core/nsis/loa"], "Substantial");
  assert.deepEqual(seen.usernames, ["alice"]);
});

test("login_AssertionSignedByKeyNotInMetadata_FailsValidation", async () => {
  // Attack class: assertion forged with an untrusted key (keys only from registered metadata).
  const { code, result } = await login({ signingKey: pki.rogue.key });

  assert.equal(code, 1);
  assert.equal(result.ok, false);
  assert.equal(result.stage, "validate");
  assert.match(result.error, /signature/i);
});

test("login_AudienceOfAnotherSp_FailsValidation", async () => {
  // Attack class: assertion issued to another SP replayed here (Audience check).
  const { code, result } = await login({ audience: "https://other-sp.test/" });

  assert.equal(code, 1);
  assert.equal(result.stage, "validate");
  assert.match(result.error, /audience/i);
});

test("login_ResponsePostedToAnotherUrl_FailsBeforeValidation", async () => {
  const { code, result } = await login({ acsAction: "https://attacker.test/acs" });

  assert.equal(code, 1);
  assert.equal(result.stage, "acs-form");
});

test("login_RelayStateChanged_Fails", async () => {
  const { code, result } = await login({ relayState: "changed" });

  assert.equal(code, 1);
  assert.equal(result.stage, "relay-state");
});
