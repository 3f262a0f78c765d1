#!/usr/bin/env node
// An independent OpenID Connect relying party built on openid-client (unmodified), driven by the C# interop tests.
// `login --broker URL --client-id ID --client-secret S --redirect-uri URL [--user alice]` discovers the broker, logs in
// through the MitID simulator with PKCE S256, state and nonce, redeems the code (client_secret_basic), checks the ID
// token's signature against the JWKS (non-repudiation checks), reads userinfo and rotates the refresh token once.
// Prints one JSON object: { ok, claims, userinfo, refreshed } or { ok: false, error }.
import { parseArgs } from "node:util";
import * as client from "openid-client";
import { walkToRedirectUri } from "./lib/oidc-walk.mjs";

const { positionals, values: o } = parseArgs({
  allowPositionals: true,
  options: {
    broker: { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    "redirect-uri": { type: "string" },
    user: { type: "string", default: "alice" },
  },
});

async function login() {
  const config = await client.discovery(new URL(o.broker), o["client-id"], undefined, client.ClientSecretBasic(o["client-secret"]), {
    execute: [client.allowInsecureRequests],
  });
  client.enableNonRepudiationChecks(config);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: o["redirect-uri"],
    scope: "openid profile nemlogin offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const callback = await walkToRedirectUri({
    startUrl: url.href,
    redirectUri: o["redirect-uri"],
    username: o.user,
    trace: (line) => process.stderr.write(`[walk] ${line}\n`),
  });
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  return { ok: true, claims, userinfo, refreshed: refreshed.refresh_token !== tokens.refresh_token };
}

if (positionals[0] !== "login" || !o.broker || !o["client-id"] || !o["client-secret"] || !o["redirect-uri"]) {
  process.stderr.write("usage: openid-client-rp.mjs login --broker URL --client-id ID --client-secret S --redirect-uri URL [--user NAME]\n");
  process.exit(2);
}

try {
  process.stdout.write(JSON.stringify(await login()) + "\n");
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, error: `${error.name}: ${error.message}`, code: error.code, cause: String(error.cause ?? "") }) + "\n");
  process.exit(1);
}
