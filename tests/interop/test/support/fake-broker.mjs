import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { readRedirect } from "./redirect-binding.mjs";
import { buildSamlResponse } from "./saml-response.mjs";
import { ns, one, parseXml, xmlEscape } from "./xml.mjs";

/**
 * A stand-in for the broker and its MitID simulator on 127.0.0.1, shaped like the real pages:
 * SSO sets a flow cookie and redirects to a login form (username, hidden anti-forgery field,
 * "Log in" button); the form posts back and the broker answers an auto-posting ACS form.
 * It enforces cookies and the AuthnRequest signature, so a broken walk fails here.
 */
export async function startFakeBroker({ idp, sp, spEntityId, acsUrl, tamper = {} }) {
  const flows = new Map();
  const seen = { usernames: [], authnRequests: [] };
  const server = createServer((req, res) => handle(req, res).catch((error) => reply(res, 500, error.message)));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const idpEntityId = `${base}/saml/metadata`;

  async function handle(req, res) {
    const url = new URL(req.url, base);
    const cookies = readCookies(req);
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /saml/metadata") {
      return reply(res, 200, metadata(idpEntityId, `${base}/saml/sso`, idp.certBody), "application/samlmetadata+xml");
    }
    if (route === "GET /saml/sso") {
      const request = readRedirect(url.href);
      if (!request.verifies(sp.cert)) {
        return reply(res, 400, "AuthnRequest signature does not verify");
      }
      seen.authnRequests.push(request.xml);
      const flowId = randomUUID();
      flows.set(flowId, { requestId: one(parseXml(request.xml), ns.samlp, "AuthnRequest").getAttribute("ID"), relayState: request.relayState });
      return redirect(res, "/mitid/login", `broker.flow=${flowId}; Path=/saml; HttpOnly; SameSite=Lax`);
    }
    if (route === "GET /mitid/login") {
      const token = `t+/${randomBytes(8).toString("hex")}`;
      res.setHeader("set-cookie", `mitid.csrf=${encodeURIComponent(token)}; Path=/mitid; HttpOnly`);
      return reply(res, 200, loginPage(token), "text/html");
    }
    if (route === "POST /mitid/login") {
      const form = new URLSearchParams(await readBody(req));
      if (form.get("csrf") !== decodeURIComponent(cookies.get("mitid.csrf") ?? "") || form.get("action") !== "login" ||
        !form.get("username") || form.has("remember")) {
        return reply(res, 400, "login form posted wrongly");
      }
      seen.usernames.push(form.get("username"));
      return redirect(res, `${base}/saml/complete`);
    }
    if (route === "GET /saml/complete") {
      const flow = flows.get(cookies.get("broker.flow"));
      if (!flow) {
        return reply(res, 400, "no login flow cookie");
      }
      const samlResponse = await buildSamlResponse({
        idpEntityId, idpKey: idp.key, idpCert: idp.cert, spEntityId, acsUrl, spEncryptionCert: sp.cert,
        inResponseTo: flow.requestId, nameId: `https://data.gov.dk/model/core/eid/person/uuid/${randomUUID()}`,
        attributes: {
          "https://data.gov.dk/model/core/specVersion": "OIO-SAML-3.0",
          "https://data.gov.dk/concept/core/nsis/loa": "Substantial",
        },
        tamper,
      });
      return reply(res, 200, acsPage(tamper.acsAction ?? acsUrl, samlResponse, tamper.relayState ?? flow.relayState), "text/html");
    }
    return reply(res, 404, "not found");
  }

  return { base, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

function metadata(entityId, ssoUrl, certBody) {
  return `<md:EntityDescriptor xmlns:md="${ns.md}" xmlns:ds="${ns.ds}" entityID="${xmlEscape(entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="${ns.samlp}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${xmlEscape(ssoUrl)}"/>` +
    "</md:IDPSSODescriptor></md:EntityDescriptor>";
}

/** Razor-style encoding: "+" and "/" become character references, as ASP.NET's HtmlEncoder does. */
function html(text) {
  return xmlEscape(text).replace(/\+/g, "&#x2B;").replace(/\//g, "&#x2F;");
}

function loginPage(token) {
  return "<!doctype html><html><body><h1>MitID simulator</h1>" +
    "<form method=\"post\" action=\"/mitid/login\">" +
    "<label>User <input type=\"text\" name=\"username\" autocomplete=\"username\"></label>" +
    `<input type="hidden" name="csrf" value="${html(token)}">` +
    "<label><input type=\"checkbox\" name=\"remember\" value=\"yes\"> Remember me</label>" +
    "<button type=\"submit\" name=\"action\" value=\"login\">Log in</button>" +
    "</form></body></html>";
}

function acsPage(action, samlResponse, relayState) {
  const relay = relayState === null ? "" : `<input type="hidden" name="RelayState" value="${html(relayState)}"/>`;
  return "<!doctype html><html><body onload=\"document.forms[0].submit()\">" +
    `<form method="post" action="${html(action)}">` +
    `<input type="hidden" name="SAMLResponse" value="${html(samlResponse)}"/>${relay}` +
    "<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>";
}

function redirect(res, location, cookie) {
  if (cookie) {
    res.setHeader("set-cookie", cookie);
  }
  res.writeHead(302, { location }).end();
}

function reply(res, status, body, contentType = "text/plain") {
  res.writeHead(status, { "content-type": `${contentType}; charset=utf-8` }).end(body);
}

function readCookies(req) {
  return new Map((req.headers.cookie ?? "").split(";").map((pair) => pair.trim().split("=")).filter(([name]) => name)
    .map(([name, ...value]) => [name, value.join("=")]));
}

async function readBody(req) {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
  }
  return body;
}
