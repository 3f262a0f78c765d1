using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.Pages;

/// <summary>The broker's front page: what runs here and where to click.</summary>
internal static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, Saml.IdentityProviderInfo idp, IEnumerable<IHomeLink> links) =>
        {
            var extra = string.Concat(links.Select(l => $"""<li><a href="{E(l.Href)}">{E(l.Title)}</a> &mdash; {E(l.Description)}</li>"""));
            var body = $"""
                <h1>NemLogin.Orleans broker</h1>
                <p>A SAML 2.0 (OIOSAML 3) identity provider brokering logins from MitID to service providers.</p>
                <ul>{extra}
                <li><a href="/saml/metadata">IdP metadata</a> &mdash; entityID <span class="code">{E(idp.EntityId)}</span></li>
                <li><a href="/health/ready">Readiness</a></li></ul>
                """;
            return HtmlPage.Result(context, "NemLogin.Orleans", body);
        });
        return endpoints;
    }
}
