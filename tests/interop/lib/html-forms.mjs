/**
 * Reads the forms of a server-rendered page well enough to submit them as a browser would
 * (HTML "constructing the entry list"): named, enabled controls; checked boxes only; the first
 * submit button as the submitter. Scripts are not run: an auto-posting form is read for its
 * action and fields and posted directly.
 */
export function parseForms(html) {
  const forms = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi)) {
    const attributes = parseAttributes(match[1]);
    forms.push({
      action: attributes.action ?? "",
      method: (attributes.method ?? "get").toLowerCase(),
      ...readControls(match[2]),
    });
  }
  return forms;
}

/** The value a form field named `name` holds, or undefined. */
export function fieldValue(form, name) {
  return form.fields.find(([fieldName]) => fieldName === name)?.[1];
}

const control = /<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea\s*>|<button\b([^>]*)>/gi;
const submitTypes = new Set(["submit", "image"]);
const neverSent = new Set(["reset", "button", "file"]);

function readControls(body) {
  const fields = [];
  let submitter = null;
  for (const match of body.matchAll(control)) {
    if (match[2] !== undefined) {
      const attributes = parseAttributes(match[2]);
      if (attributes.name && !("disabled" in attributes)) {
        fields.push([attributes.name, decodeEntities(match[3])]);
      }
      continue;
    }
    const isButton = match[4] !== undefined;
    const attributes = parseAttributes(isButton ? match[4] : match[1]);
    const type = (attributes.type ?? (isButton ? "submit" : "text")).toLowerCase();
    if ("disabled" in attributes) {
      continue;
    }
    if (submitTypes.has(type)) {
      submitter ??= attributes.name ? [attributes.name, attributes.value ?? ""] : [];
    } else if (isButton || neverSent.has(type) || !attributes.name) {
      continue;
    } else if ((type === "checkbox" || type === "radio") && !("checked" in attributes)) {
      continue;
    } else {
      fields.push([attributes.name, attributes.value ?? (type === "checkbox" || type === "radio" ? "on" : "")]);
    }
  }
  return { fields, submitter };
}

function parseAttributes(text) {
  const attributes = {};
  for (const match of text.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = match[1].toLowerCase();
    if (!(name in attributes)) {
      attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
    }
  }
  return attributes;
}

const named = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

/** Decodes character references; Razor encodes "+" and "/" of base64 values as &#x2B; and &#x2F;. */
export function decodeEntities(text) {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex, decimal, name) => {
    if (hex !== undefined || decimal !== undefined) {
      const codePoint = parseInt(hex ?? decimal, hex !== undefined ? 16 : 10);
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}
