using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.Admin;

internal sealed record RightDocument(string? ServiceProvider, string? OidcClient, string Privilege, string Scope)
{
    public static RightDocument From(Right r) => new(
        r.System.Kind == ItSystemKind.Saml ? r.System.Id : null, r.System.Kind == ItSystemKind.Oidc ? r.System.Id : null, r.Privilege, r.Scope.Urn);
}
