#!/usr/bin/env node
// An independent SAML 2.0 service provider built on node-saml, driven by the C# interop tests.
// Subcommands and their output are described in README.md beside this file.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { walkToAcs } from "./lib/browser-walk.mjs";
import { CookieJar } from "./lib/cookie-jar.mjs";
import { loadIdpMetadata } from "./lib/idp-metadata.mjs";
import { LoginError } from "./lib/login-error.mjs";
import { handleLogoutRequest, logoutRequestUrl, validateLogoutResponse } from "./lib/logout.mjs";
import { readOptions, usage } from "./lib/options.mjs";
import { readPem } from "./lib/pem.mjs";
import { PrivilegesAttribute, readPrivileges } from "./lib/privileges.mjs";
import { createServiceProvider, serviceProviderMetadata } from "./lib/service-provider.mjs";
import { UsageError } from "./lib/usage-error.mjs";

const commands = {
  metadata,
  "authorize-url": authorizeUrl,
  login,
  "logout-request-url": logoutUrl,
  "validate-logout-response": validateLogout,
  "handle-logout-request": handleLogout,
};

async function metadata(argv) {
  const o = readOptions(argv, ["entity-id", "acs", "cert", "key"]);
  if ((o["enc-cert"] === undefined) !== (o["enc-key"] === undefined)) {
    throw new UsageError("--enc-cert and --enc-key go together");
  }
  process.stdout.write(serviceProviderMetadata({
    entityId: o["entity-id"],
    acsUrl: o.acs,
    sloUrl: o.slo,
    sloBinding: o["slo-binding"],
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
    const jar = await loadJar(options["cookie-jar"]);
    const posted = await walkToAcs({
      startUrl,
      acsUrl: options.acs,
      username: options.user,
      jar,
      trace: (line) => process.stderr.write(`[walk] ${line}\n`),
    });
    if (options["cookie-jar"]) {
      await writeFile(options["cookie-jar"], JSON.stringify(jar));
    }
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
    // The OIO Basic Privilege Profile document, decoded and checked against the profile's rules.
    stage = "privileges";
    const privileges = profile[PrivilegesAttribute] ? readPrivileges(profile[PrivilegesAttribute]) : null;
    process.stdout.write(JSON.stringify({ ok: true, relayState: posted.relayState, profile, privileges }, null, 2) + "\n");
  } catch (error) {
    const failedStage = error instanceof LoginError ? error.stage : stage;
    process.stdout.write(JSON.stringify({ ok: false, stage: failedStage, error: error.message }, null, 2) + "\n");
    process.stderr.write(`login failed at ${failedStage}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

async function logoutUrl(argv) {
  const requestId = `_${randomBytes(16).toString("hex")}`;
  const { sp, options } = await prepareSp(argv, ["name-id", "session-index"], requestId);
  const result = await logoutRequestUrl(sp, {
    requestId,
    nameId: options["name-id"],
    nameIdFormat: options["name-id-format"] ?? "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    sessionIndex: options["session-index"],
    relayState: options["relay-state"],
  });
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

async function validateLogout(argv) {
  const { sp, options } = await prepareSp(argv, ["in-response-to", "url"]);
  await report(() => validateLogoutResponse(sp, { inResponseTo: options["in-response-to"], url: options.url }));
}

async function handleLogout(argv) {
  const { sp, options } = await prepareSp(argv, []);
  if ((options.url === undefined) === (options["saml-request"] === undefined)) {
    throw new UsageError("give --url or --saml-request");
  }
  await report(() => handleLogoutRequest(sp, { url: options.url, samlRequest: options["saml-request"], relayState: options["relay-state"] }));
}

/** Prints `{ ok: true, ... }` with exit 0, or `{ ok: false, stage, error }` with exit 1. */
async function report(run) {
  try {
    process.stdout.write(JSON.stringify({ ok: true, ...await run() }, null, 2) + "\n");
  } catch (error) {
    const stage = error instanceof LoginError ? error.stage : "validate";
    process.stdout.write(JSON.stringify({ ok: false, stage, error: error.message }, null, 2) + "\n");
    process.stderr.write(`failed at ${stage}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

async function loadJar(path) {
  return path && existsSync(path) ? CookieJar.fromJSON(JSON.parse(await readFile(path, "utf8"))) : new CookieJar();
}

async function prepareSp(argv, required, requestId) {
  const options = readOptions(argv, ["entity-id", "acs", "cert", "key", ...required]);
  if (options.broker === undefined && options["idp-metadata"] === undefined) {
    throw new UsageError("give --broker or --idp-metadata");
  }
  const idp = await loadIdpMetadata(options["idp-metadata"] ?? `${options.broker.replace(/\/+$/, "")}/saml/metadata`);
  if (!idp.sloRedirectUrl) {
    throw new Error("the IdP metadata has no HTTP-Redirect SingleLogoutService");
  }
  const sp = createServiceProvider({
    entityId: options["entity-id"],
    acsUrl: options.acs,
    sloUrl: options.slo,
    cert: await readPem(options.cert, "--cert"),
    key: await readPem(options.key, "--key"),
    idp,
    requestId,
  });
  return { sp, options };
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
    profile: options.profile,
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
