using NemLogin.Gateway.Pages;

namespace NemLogin.Demo.DemoSp;

internal sealed class DemoSpHomeLink : IHomeLink
{
    public string Href => "/demo-sp/";

    public string Title => "Demo service provider";

    public string Description => "log in through the broker and see the OIOSAML attributes it receives";
}
