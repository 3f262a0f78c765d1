namespace NemLogin.Gateway.Oidc;

/// <summary>The provider's endpoints (discovery and JWKS are OpenIddict's defaults under <c>/.well-known</c>).</summary>
internal static class OidcPaths
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string UserInfo = "/connect/userinfo";
    public const string EndSession = "/connect/endsession";
    public const string Revocation = "/connect/revoke";
    public const string Jwks = "/.well-known/jwks";
}
