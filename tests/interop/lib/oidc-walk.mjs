import { CookieJar } from "./cookie-jar.mjs";
import { fieldValue, parseForms } from "./html-forms.mjs";
import { LoginError } from "./login-error.mjs";

const redirects = new Set([301, 302, 303, 307, 308]);

/**
 * Walks the browser part of an OpenID Connect login without a browser: follows redirects by hand (keeping cookies),
 * fills the upstream login form's `username`, and stops at the first redirect to `redirectUri`, whose URL it returns
 * unfetched (the relying party reads the code, state and iss from it).
 */
export async function walkToRedirectUri({ startUrl, redirectUri, username, jar = new CookieJar(), trace = () => {}, maxSteps = 20 }) {
  let request = { method: "GET", url: startUrl, body: null };
  for (let step = 1; step <= maxSteps; step++) {
    const headers = { accept: "text/html", "user-agent": "nemlogin-interop-rp (openid-client)" };
    const cookie = jar.headerFor(request.url);
    if (cookie) {
      headers.cookie = cookie;
    }
    if (request.body !== null) {
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const response = await fetch(request.url, { method: request.method, headers, body: request.body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    jar.store(request.url, response.headers.getSetCookie());
    trace(`${step} ${request.method} ${new URL(request.url).pathname} -> ${response.status}`);
    if (redirects.has(response.status)) {
      const url = new URL(response.headers.get("location"), request.url).href;
      if (url.startsWith(redirectUri)) {
        return url;
      }
      request = { method: "GET", url, body: null };
      continue;
    }
    const html = await response.text();
    if (!response.ok) {
      throw new LoginError("http", `HTTP ${response.status} at ${new URL(request.url).pathname}: ${html.slice(0, 300)}`);
    }
    const form = parseForms(html).find((candidate) => fieldValue(candidate, "username") !== undefined);
    if (!form) {
      throw new LoginError("page", `no login form at ${new URL(request.url).pathname}`);
    }
    const fields = form.fields.map(([name, value]) => [name, name === "username" ? username : value]);
    if (form.submitter?.length === 2) {
      fields.push(form.submitter);
    }
    const action = new URL(form.action || request.url, request.url);
    request = form.method === "post"
      ? { method: "POST", url: action.href, body: new URLSearchParams(fields).toString() }
      : { method: "GET", url: `${action.origin}${action.pathname}?${new URLSearchParams(fields)}`, body: null };
  }
  throw new LoginError("steps", `no redirect to ${redirectUri} after ${maxSteps} steps`);
}
