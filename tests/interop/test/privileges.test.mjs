import assert from "node:assert/strict";
import { test } from "node:test";
import { readPrivileges } from "../lib/privileges.mjs";

const ns = "http://digst.dk/oiosaml/basic_privilege_profile";
const encode = (xml) => Buffer.from(xml, "utf8").toString("base64");

test("readPrivileges_WellFormedList_GroupsWithScopePrivilegesAndConstraints", () => {
  const groups = readPrivileges(encode(`<?xml version="1.0" encoding="utf-8"?><bpp:PrivilegeList xmlns:bpp="${ns}">`
    + `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:12345674"><Privilege>urn:dk:a:read</Privilege>`
    + `<Constraint Name="urn:dk:a:amount">10</Constraint></PrivilegeGroup></bpp:PrivilegeList>`));
  assert.deepEqual(groups, [{ scope: "urn:dk:gov:saml:cvrNumberIdentifier:12345674", privileges: ["urn:dk:a:read"], constraints: { "urn:dk:a:amount": "10" } }]);
});

test("readPrivileges_OtherNamespace_Refused", () => {
  assert.throws(() => readPrivileges(encode(`<PrivilegeList xmlns="urn:other"/>`)), /not a bpp:PrivilegeList/);
});

test("readPrivileges_ConstraintBeforePrivilege_Refused", () => {
  assert.throws(() => readPrivileges(encode(`<bpp:PrivilegeList xmlns:bpp="${ns}"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:12345674">`
    + `<Constraint Name="n">v</Constraint><Privilege>urn:dk:a:read</Privilege></PrivilegeGroup></bpp:PrivilegeList>`)), /Privilege elements first/);
});

test("readPrivileges_ScopeNotAnOioUrn_Refused", () => {
  assert.throws(() => readPrivileges(encode(`<bpp:PrivilegeList xmlns:bpp="${ns}"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:123">`
    + `<Privilege>urn:dk:a:read</Privilege></PrivilegeGroup></bpp:PrivilegeList>`)), /Scope/);
});
