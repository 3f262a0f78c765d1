import assert from "node:assert/strict";
import { test } from "node:test";
import { fieldValue, parseForms } from "../lib/html-forms.mjs";

test("parseForms_CharacterReferencesInBase64Value_AreDecoded", () => {
  const [form] = parseForms(`<form method="POST" action="https:&#x2F;&#x2F;sp.test&#x2F;acs">
    <input type="hidden" name="SAMLResponse" value="ab&#x2B;c&#x2F;d&#61;&amp;"/></form>`);

  assert.equal(form.method, "post");
  assert.equal(form.action, "https://sp.test/acs");
  assert.equal(fieldValue(form, "SAMLResponse"), "ab+c/d=&");
});

test("parseForms_ControlsBrowsersDoNotSend_AreLeftOut", () => {
  const [form] = parseForms(`<form action="/login" method="post">
    <input name="username"><input type="checkbox" name="remember" value="1">
    <input type="checkbox" name="terms" checked><input name="gone" disabled value="x">
    <input type="reset" name="reset"><button type="button" name="help">?</button>
    <button name="action" value="login">Log in</button><button name="action" value="cancel">Cancel</button>
  </form>`);

  assert.deepEqual(form.fields, [["username", ""], ["terms", "on"]]);
  assert.deepEqual(form.submitter, ["action", "login"]);
});

test("parseForms_SeveralForms_KeepsEachApart", () => {
  const forms = parseForms(`<form action="/a"><input name="x" value="1"></form>
    <form action='/b'><textarea name="y">t&lt;1</textarea><input type=submit></form>`);

  assert.equal(forms.length, 2);
  assert.equal(forms[0].method, "get");
  assert.deepEqual(forms[1].fields, [["y", "t<1"]]);
  assert.deepEqual(forms[1].submitter, []);
});
