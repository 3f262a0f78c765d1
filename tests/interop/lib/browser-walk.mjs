import { CookieJar } from "./cookie-jar.mjs";
import { fieldValue, parseForms } from "./html-forms.mjs";
import { LoginError } from "./login-error.mjs";

const redirects = new Set([301, 302, 303, 307, 308]);

/**
 * Walks the browser part of a login without a browser: follows redirects by hand (keeping
 * cookies), fills the upstream login form's `username`, submits any single intermediate form,
 * and stops at the page whose form carries a SAMLResponse. That form must post to `acsUrl`
 * (SAML Bindings 3.5: HTTP-POST to the ACS); the SAMLResponse itself is not posted anywhere.
 */
export async function walkToAcs({ startUrl, acsUrl, username, jar = new CookieJar(), fetchImpl = fetch, trace = () => {}, maxSteps = 20 }) {
  const submitted = new Set();
  let request = { method: "GET", url: startUrl, body: null };
  for (let step = 1; step <= maxSteps; step++) {
    const response = await send(request, jar, fetchImpl);
    trace(`${step} ${request.method} ${display(request.url)} -> ${response.status}`);
    if (redirects.has(response.status)) {
      request = follow(request, response);
      continue;
    }
    const html = await response.text();
    if (!response.ok) {
      throw new LoginError("http", `HTTP ${response.status} at ${display(request.url)}: ${snippet(html)}`);
    }
    const forms = parseForms(html);
    const acsForm = forms.find((form) => fieldValue(form, "SAMLResponse") !== undefined);
    if (acsForm) {
      return readAcsForm(acsForm, request.url, acsUrl);
    }
    const form = forms.find((candidate) => fieldValue(candidate, "username") !== undefined) ??
      (forms.length === 1 ? forms[0] : null);
    if (!form) {
      throw new LoginError("page", `no login form and no SAML response at ${display(request.url)}: ${snippet(html)}`);
    }
    const next = submit(form, request.url, username);
    const key = `${request.url} ${next.method} ${next.url}`;
    if (submitted.has(key)) {
      throw new LoginError("page", `${display(request.url)} asked for the same form again: ${snippet(html)}`);
    }
    submitted.add(key);
    request = next;
  }
  throw new LoginError("steps", `no SAML response after ${maxSteps} steps`);
}

async function send(request, jar, fetchImpl) {
  const headers = { accept: "text/html", "user-agent": "nemlogin-interop-sp (node-saml)" };
  const cookie = jar.headerFor(request.url);
  if (cookie) {
    headers.cookie = cookie;
  }
  if (request.body !== null) {
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  let response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new LoginError("http", `${request.method} ${display(request.url)} failed: ${error.message}`, { cause: error });
  }
  jar.store(request.url, response.headers.getSetCookie());
  return response;
}

function follow(request, response) {
  const location = response.headers.get("location");
  if (!location) {
    throw new LoginError("http", `HTTP ${response.status} without Location at ${display(request.url)}`);
  }
  const url = new URL(location, request.url).href;
  // Fetch standard, HTTP-redirect fetch: 307/308 keep method and body; the others become GET.
  return response.status === 307 || response.status === 308
    ? { ...request, url }
    : { method: "GET", url, body: null };
}

function submit(form, pageUrl, username) {
  const fields = form.fields.map(([name, value]) => [name, name === "username" ? username : value]);
  if (form.submitter?.length === 2) {
    fields.push(form.submitter);
  }
  const action = new URL(form.action || pageUrl, pageUrl);
  const encoded = new URLSearchParams(fields).toString();
  if (form.method === "post") {
    return { method: "POST", url: action.href, body: encoded };
  }
  action.search = encoded;
  return { method: "GET", url: action.href, body: null };
}

function readAcsForm(form, pageUrl, acsUrl) {
  const action = new URL(form.action || pageUrl, pageUrl).href;
  if (action !== new URL(acsUrl).href) {
    throw new LoginError("acs-form", `the SAMLResponse form posts to ${action}, not to the ACS URL ${acsUrl}`);
  }
  if (form.method !== "post") {
    throw new LoginError("acs-form", `the SAMLResponse form uses method ${form.method}; HTTP-POST binding needs post`);
  }
  return {
    samlResponse: fieldValue(form, "SAMLResponse"),
    relayState: fieldValue(form, "RelayState") ?? null,
  };
}

function display(url) {
  const { origin, pathname, search } = new URL(url);
  return `${origin}${pathname}${search ? "?…" : ""}`;
}

function snippet(html) {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}
