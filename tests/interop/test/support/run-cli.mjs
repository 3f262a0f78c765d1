import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../node-saml-sp.mjs", import.meta.url));

/** Runs node-saml-sp.mjs as the C# tests do and returns its exit code and output. */
export function runCli(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
