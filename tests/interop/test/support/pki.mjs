import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Fresh RSA-2048 key pairs with self-signed certificates, made with openssl for each test run
 * (no key material is committed). `dispose()` removes the folder.
 */
export function createPki(...names) {
  const dir = mkdtempSync(join(tmpdir(), "nemlogin-interop-"));
  const parties = {};
  for (const name of names) {
    const keyPath = join(dir, `${name}-key.pem`);
    const certPath = join(dir, `${name}.pem`);
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
      "-subj", `/CN=${name}`, "-keyout", keyPath, "-out", certPath,
    ], { stdio: "ignore" });
    parties[name] = {
      keyPath,
      certPath,
      key: readFileSync(keyPath, "utf8"),
      cert: readFileSync(certPath, "utf8"),
      certBody: certBody(readFileSync(certPath, "utf8")),
    };
  }
  return { dir, ...parties, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The base64 body of a PEM certificate, as metadata carries it. */
export function certBody(pem) {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}
