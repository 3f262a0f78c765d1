using NemLogin.Gateway.Pages;

namespace NemLogin.Gateway.SelfService;

internal sealed class SelfServiceHomeLink : IHomeLink
{
    public string Href => SelfServicePaths.Root;

    public string Title => "Selvbetjening (self-service)";

    public string Description => "your mandates: grant, request, approve and revoke; your organisation's employees and rights if you administer one";
}
