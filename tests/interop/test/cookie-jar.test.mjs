import assert from "node:assert/strict";
import { test } from "node:test";
import { CookieJar } from "../lib/cookie-jar.mjs";

test("cookieJar_PathAttribute_ScopesCookie", () => {
  const jar = new CookieJar();
  jar.store("http://127.0.0.1:5000/saml/sso", ["flow=1; Path=/saml; HttpOnly", "site=2"]);

  assert.equal(jar.headerFor("http://127.0.0.1:5000/saml/complete"), "flow=1; site=2");
  assert.equal(jar.headerFor("http://127.0.0.1:5000/mitid/login"), "site=2");
  assert.equal(jar.headerFor("http://127.0.0.1:5000/samlx"), "site=2");
});

test("cookieJar_HostOnlyCookie_IsNotSentToAnotherHost", () => {
  const jar = new CookieJar();
  jar.store("http://127.0.0.1:5000/", ["a=1"]);

  assert.equal(jar.headerFor("http://localhost:5000/"), null);
});

test("cookieJar_MaxAgeZero_DeletesCookie", () => {
  const jar = new CookieJar();
  jar.store("http://127.0.0.1/", ["a=1", "b=2"]);
  jar.store("http://127.0.0.1/", ["a=; Max-Age=0"]);

  assert.equal(jar.headerFor("http://127.0.0.1/"), "b=2");
});

test("cookieJar_ExpiredCookie_IsNotSent", () => {
  let now = Date.parse("2026-01-01T00:00:00Z");
  const jar = new CookieJar(() => now);
  jar.store("http://127.0.0.1/", ["a=1; Max-Age=60"]);
  now += 61_000;

  assert.equal(jar.headerFor("http://127.0.0.1/"), null);
});

test("cookieJar_ThroughJson_KeepsCookiesForTheNextRun", () => {
  const jar = new CookieJar();
  jar.store("http://127.0.0.1:5000/saml/sso", ["nemlogin.sid=abc; Path=/; HttpOnly", "flow=1; Path=/saml"]);

  const restored = CookieJar.fromJSON(JSON.parse(JSON.stringify(jar)));

  assert.equal(restored.headerFor("http://127.0.0.1:5000/saml/sso"), "flow=1; nemlogin.sid=abc");
  assert.equal(restored.headerFor("http://127.0.0.1:5000/logout"), "nemlogin.sid=abc");
});

test("cookieJar_FromJsonWithDefaults_IsHostOnlyRootPath", () => {
  const jar = CookieJar.fromJSON([{ name: "nemlogin.sid", value: "abc", domain: "127.0.0.1" }]);

  assert.equal(jar.headerFor("http://127.0.0.1:5000/demo"), "nemlogin.sid=abc");
  assert.equal(jar.headerFor("http://localhost:5000/demo"), null);
});
