import { readFile } from "node:fs/promises";
import { UsageError } from "./usage-error.mjs";

/** Reads a PEM file named on the command line, failing with the option's name when unusable. */
export async function readPem(path, option) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${path} (${error.code ?? error.message})`);
  }
  if (!/-----BEGIN [A-Z ]+-----/.test(text)) {
    throw new UsageError(`${option}: ${path} is not a PEM file`);
  }
  return text;
}
