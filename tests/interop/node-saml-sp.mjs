#!/usr/bin/env node
// An independent SAML 2.0 service provider built on node-saml, driven by the C# interop tests.
// Subcommands and their output are described in README.md beside this file.
import { randomBytes } from "node:crypto";
import { walkToAcs } from "./lib/browser-walk.mjs";
import { loadIdpMetadata } from "./lib/idp-metadata.mjs";
import { LoginError } from "./lib/login-error.mjs";
import { readOptions, usage } from "./lib/options.mjs";
import { readPem } from "./lib/pem.mjs";
import { createServiceProvider, serviceProviderMetadata } from "./lib/service-provider.mjs";
import { UsageError } from "./lib/usage-error.mjs";

const commands = { metadata, "authorize-url": authorizeUrl, login };

async function metadata(argv) {
  const o = readOptions(argv, ["entity-id", "acs", "cert", "key"]);
  if ((o["enc-cert"] === undefined) !== (o["enc-key"] === undefined)) {
    throw new UsageError("--enc-cert and --enc-key go together");
  }
  process.stdout.write(serviceProviderMetadata({
    entityId: o["entity-id"],
    acsUrl: o.acs,
    cert: await readPem(o.cert, "--cert"),
    key: await readPem(o.key, "--key"),
    encryptionCert: o["enc-cert"] && await readPem(o["enc-cert"], "--enc-cert"),
    decryptionKey: o["enc-key"] && await readPem(o["enc-key"], "--enc-key"),
  }) + "\n");
}

async function authorizeUrl(argv) {
  const { sp, relayState } = await prepareLogin(argv);
  process.stdout.write(await sp.getAuthorizeUrlAsync(relayState, undefined, {}) + "\n");
}

async function login(argv) {
  const { sp, relayState, options } = await prepareLogin(argv);
  let stage = "authorize";
  try {
    const startUrl = await sp.getAuthorizeUrlAsync(relayState, undefined, {});
    const posted = await walkToAcs({
      startUrl,
      acsUrl: options.acs,
      username: options.user,
      trace: (line) => process.stderr.write(`[walk] ${line}\n`),
    });
    stage = "validate";
    const { profile } = await sp.validatePostResponseAsync(
      { SAMLResponse: posted.samlResponse });
    if (!profile) {
      throw new LoginError("validate", "node-saml accepted the response but returned no profile");
    }
    // OIOSAML 3 Bindings: RelayState is echoed unchanged.
    if (posted.relayState !== relayState) {
      throw new LoginError("relay-state", `RelayState came back as ${JSON.stringify(posted.relayState)}, sent ${JSON.stringify(relayState)}`);
    }
    process.stdout.write(JSON.stringify({ ok: true, relayState: posted.relayState, profile }, null, 2) + "\n");
  } catch (error) {
    const failedStage = error instanceof LoginError ? error.stage : stage;
    process.stdout.write(JSON.stringify({ ok: false, stage: failedStage, error: error.message }, null, 2) + "\n");
    process.stderr.write(`login failed at ${failedStage}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

async function prepareLogin(argv) {
  const options = readOptions(argv, ["entity-id", "acs", "cert", "key"]);
  if (options.broker === undefined && options["idp-metadata"] === undefined) {
    throw new UsageError("give --broker or --idp-metadata");
  }
  const idp = await loadIdpMetadata(options["idp-metadata"] ?? `${options.broker.replace(/\/+$/, "")}/saml/metadata`);
  if (!idp.ssoRedirectUrl) {
    throw new Error("the IdP metadata has no HTTP-Redirect SingleSignOnService");
  }
  const sp = createServiceProvider({
    entityId: options["entity-id"],
    acsUrl: options.acs,
    cert: await readPem(options.cert, "--cert"),
    key: await readPem(options.key, "--key"),
    decryptionKey: options["enc-key"] && await readPem(options["enc-key"], "--enc-key"),
    idp,
  });
  // OIOSAML 3: RelayState is opaque and at most 80 bytes.
  const relayState = options["relay-state"] ?? `interop-${randomBytes(12).toString("hex")}`;
  return { sp, relayState, options };
}

async function main([command, ...argv]) {
  const run = commands[command];
  if (!run) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  try {
    await run(argv);
    return process.exitCode ?? 0;
  } catch (error) {
    process.stderr.write(error instanceof UsageError ? `${error.message}\n${usage}\n` : `${error.message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
