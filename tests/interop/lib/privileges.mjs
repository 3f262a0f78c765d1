import { DOMParser } from "@xmldom/xmldom";

/** The OIO Basic Privilege Profile 1.2 namespace (the older itst.dk one is accepted on input). */
export const BppNamespace = "http://digst.dk/oiosaml/basic_privilege_profile";
const LegacyBppNamespace = "http://itst.dk/oiosaml/basic_privilege_profile";
export const PrivilegesAttribute = "https://data.gov.dk/model/core/eid/privilegesIntermediate";

const scopePattern = /^urn:dk:gov:saml:(cvrNumberIdentifier:\d{8}|productionUnitIdentifier:\d{10}|seNumberIdentifier:\d{8}|cprNumberIdentifier:\d{10})$/;

/**
 * Decodes the base64 privilegesIntermediate value and checks it against the profile's rules: a PrivilegeList root in the
 * profile's namespace; only PrivilegeGroup children, each with a Scope of one of the four URN forms, one or more
 * Privilege elements (absolute URIs) and then any Constraint elements with a Name. Throws with the broken rule; returns
 * the groups as plain objects.
 */
export function readPrivileges(base64) {
  const xml = Buffer.from(base64, "base64").toString("utf8");
  const errors = [];
  const document = new DOMParser({ onError: (level, message) => { if (level !== "warning") errors.push(message); } })
    .parseFromString(xml, "text/xml");
  if (errors.length > 0) {
    throw new Error(`privileges XML does not parse: ${errors[0]}`);
  }
  const root = document.documentElement;
  if (root.localName !== "PrivilegeList" || ![BppNamespace, LegacyBppNamespace].includes(root.namespaceURI)) {
    throw new Error(`privileges root is {${root.namespaceURI}}${root.localName}, not a bpp:PrivilegeList`);
  }
  const groups = [];
  for (const group of elements(root)) {
    if (group.localName !== "PrivilegeGroup" || group.namespaceURI) {
      throw new Error(`unexpected element ${group.tagName} in PrivilegeList`);
    }
    const scope = group.getAttribute("Scope");
    if (!scopePattern.test(scope)) {
      throw new Error(`PrivilegeGroup Scope ${JSON.stringify(scope)} is not a CVR, P, SE or CPR scope URN`);
    }
    const children = elements(group);
    const privileges = [];
    const constraints = {};
    let seenConstraint = false;
    for (const child of children) {
      if (child.localName === "Privilege" && !seenConstraint) {
        if (!URL.canParse(child.textContent.trim())) {
          throw new Error(`Privilege ${JSON.stringify(child.textContent)} is not an absolute URI`);
        }
        privileges.push(child.textContent.trim());
      } else if (child.localName === "Constraint" && child.getAttribute("Name")) {
        seenConstraint = true;
        constraints[child.getAttribute("Name")] = child.textContent;
      } else {
        throw new Error(`unexpected ${child.tagName} in PrivilegeGroup (Privilege elements first, then Constraint elements)`);
      }
    }
    if (privileges.length === 0) {
      throw new Error("a PrivilegeGroup without Privilege");
    }
    groups.push({ scope, privileges, constraints });
  }
  return groups;
}

function elements(node) {
  const found = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      found.push(child);
    }
  }
  return found;
}
