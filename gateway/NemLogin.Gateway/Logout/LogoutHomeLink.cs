using NemLogin.Gateway.Pages;

namespace NemLogin.Gateway.Logout;

internal sealed class LogoutHomeLink : IHomeLink
{
    public string Href => "/logout";

    public string Title => "Log out";

    public string Description => "end your session at the broker and at every service it logged you in to";
}
