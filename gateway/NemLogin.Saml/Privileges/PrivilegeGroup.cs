namespace NemLogin.Saml.Privileges;

/// <summary>
/// One group of the OIO Basic Privilege Profile 1.2: privileges that hold within one scope (an organisation's CVR, a
/// production unit, an SE number, or a person's CPR number when acting on someone's behalf), under the same constraints.
/// </summary>
public sealed record PrivilegeGroup(string Scope, IReadOnlyList<string> Privileges, IReadOnlyList<KeyValuePair<string, string>> Constraints);
