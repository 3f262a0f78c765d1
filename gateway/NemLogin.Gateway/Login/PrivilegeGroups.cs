using NemLogin.Grains.Rights;
using NemLogin.Saml.Privileges;

namespace NemLogin.Gateway.Login;

/// <summary>
/// A business identity's rights at one IT system as privilege groups, the shape both protocols carry them in (SAML's
/// OIO Basic Privilege Profile document, OpenID Connect's <c>privileges</c> claim): one group per scope and set of
/// constraints, in the order the rights were granted.
/// </summary>
internal static class PrivilegeGroups
{
    public static IReadOnlyList<PrivilegeGroup> From(IEnumerable<GrantedPrivilege> privileges) =>
    [
        .. privileges
            .GroupBy(p => (p.Scope.Urn, Constraints: string.Join('\n', p.Constraints.Select(c => c.Name + "\u0001" + c.Value))))
            .Select(g => new PrivilegeGroup(
                g.Key.Urn,
                [.. g.Select(p => p.Privilege).Distinct(StringComparer.Ordinal)],
                [.. g.First().Constraints.Select(c => KeyValuePair.Create(c.Name, c.Value))])),
    ];
}
