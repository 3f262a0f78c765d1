import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.mjs";

const optionSpec = {
  "entity-id": { type: "string" },
  acs: { type: "string" },
  cert: { type: "string" },
  key: { type: "string" },
  "enc-cert": { type: "string" },
  "enc-key": { type: "string" },
  broker: { type: "string" },
  "idp-metadata": { type: "string" },
  user: { type: "string", default: "alice" },
  "relay-state": { type: "string" },
  slo: { type: "string" },
  "slo-binding": { type: "string", default: "redirect" },
  "cookie-jar": { type: "string" },
  "name-id": { type: "string" },
  "name-id-format": { type: "string" },
  "session-index": { type: "string" },
  "in-response-to": { type: "string" },
  url: { type: "string" },
  "saml-request": { type: "string" },
  profile: { type: "string", default: "person" },
};

/** Parses `argv` for one subcommand, requiring the options it names. */
export function readOptions(argv, required) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: optionSpec, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  const missing = required.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(", ")}`);
  }
  for (const name of ["acs", "broker", "slo", "url"]) {
    if (values[name] !== undefined && !URL.canParse(values[name])) {
      throw new UsageError(`--${name} must be an absolute URL`);
    }
  }
  if (!["redirect", "post"].includes(values["slo-binding"])) {
    throw new UsageError("--slo-binding must be redirect or post");
  }
  if (!["person", "professional"].includes(values.profile)) {
    throw new UsageError("--profile must be person or professional");
  }
  checkRelayState(values["relay-state"]);
  return values;
}

function checkRelayState(relayState) {
  if (relayState === undefined) {
    return;
  }
  // OIOSAML 3: RelayState is at most 80 bytes.
  if (Buffer.byteLength(relayState, "utf8") > 80) {
    throw new UsageError("--relay-state is longer than 80 bytes");
  }
  // node-saml signs querystring.stringify() octets but puts URLSearchParams octets in the URL;
  // they differ for these characters, so an IdP checking the raw octets (Bindings 3.4.4.1) would
  // rightly reject the signature.
  if (/[ !'()~]/.test(relayState)) {
    throw new UsageError("--relay-state must not contain space or any of !'()~ (node-saml encodes them inconsistently)");
  }
}

export const usage = `usage:
  node-saml-sp.mjs metadata --entity-id ID --acs URL --cert sp.pem --key sp-key.pem
                            [--enc-cert enc.pem --enc-key enc-key.pem]
  node-saml-sp.mjs authorize-url (--broker BASE | --idp-metadata URL|FILE) --entity-id ID --acs URL
                            --cert sp.pem --key sp-key.pem [--relay-state TEXT]
  node-saml-sp.mjs login (--broker BASE | --idp-metadata URL|FILE) --entity-id ID --acs URL
                            --cert sp.pem --key sp-key.pem [--enc-key enc-key.pem] [--user alice]
                            [--cookie-jar FILE] [--profile person|professional]
  node-saml-sp.mjs logout-request-url (--broker BASE | --idp-metadata URL|FILE) --entity-id ID --acs URL
                            --cert sp.pem --key sp-key.pem --name-id ID --session-index INDEX
                            [--name-id-format URI] [--relay-state TEXT]
  node-saml-sp.mjs validate-logout-response (--broker BASE | --idp-metadata URL|FILE) --entity-id ID
                            --acs URL --cert sp.pem --key sp-key.pem --in-response-to ID --url URL
  node-saml-sp.mjs handle-logout-request (--broker BASE | --idp-metadata URL|FILE) --entity-id ID
                            --acs URL --cert sp.pem --key sp-key.pem
                            (--url URL | --saml-request BASE64 [--relay-state TEXT])
  metadata, login and the logout commands also take [--slo URL] [--slo-binding redirect|post].
See README.md beside this script.`;
