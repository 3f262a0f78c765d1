using NemLogin.Gateway.Pages;

namespace NemLogin.Demo.DemoRp;

internal sealed class DemoRpHomeLink : IHomeLink
{
    public string Href => "/demo-rp/";

    public string Title => "Demo relying party (OpenID Connect)";

    public string Description => "log in with the code flow and PKCE and see the ID token's claims";
}
