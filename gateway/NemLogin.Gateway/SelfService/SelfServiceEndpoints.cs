using NemLogin.Gateway.Logout;
using NemLogin.Gateway.SelfService.Mandates;
using NemLogin.Gateway.SelfService.Organisations;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// The self-service pages under <see cref="SelfServicePaths.Root"/>: GETs show pages (and send a browser without a usable
/// session to log in), POSTs change something and must carry the form token. Forms are read by hand, not bound, so the
/// framework's automatic antiforgery check is off and <see cref="FormProtection"/> answers with a page instead.
/// </summary>
internal static class SelfServiceEndpoints
{
    public static RouteGroupBuilder MapSelfService(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(SelfServicePaths.Root).DisableAntiforgery();
        group.MapGet("/", (MandatePages pages, HttpContext context) => pages.OverviewAsync(context));
        group.MapGet("/fuldmagter/giv", (MandatePages pages, HttpContext context) => pages.FormAsync(context, MandateFormKind.Grant));
        group.MapPost("/fuldmagter/giv", (MandatePages pages, HttpContext context) => pages.SubmitAsync(context, MandateFormKind.Grant));
        group.MapGet("/fuldmagter/anmod", (MandatePages pages, HttpContext context) => pages.FormAsync(context, MandateFormKind.Request));
        group.MapPost("/fuldmagter/anmod", (MandatePages pages, HttpContext context) => pages.SubmitAsync(context, MandateFormKind.Request));
        group.MapPost("/fuldmagter/{id}/{action:regex(^(tilbagekald|godkend|afvis)$)}", (string id, string action, MandatePages pages, HttpContext context) =>
            pages.ActAsync(context, id, action));
        group.MapPost("/log-ud", LogOutAsync);

        var organisation = group.MapGroup("/organisationer/{cvr}");
        organisation.MapGet("/", (string cvr, OrganisationPages pages, HttpContext context) => pages.ShowAsync(context, cvr));
        organisation.MapPost("/medarbejdere", (string cvr, OrganisationPages pages, HttpContext context) => pages.AddEmployeeAsync(context, cvr));
        organisation.MapPost("/medarbejdere/{id}/status", (string cvr, string id, OrganisationPages pages, HttpContext context) => pages.SetStatusAsync(context, cvr, id));
        organisation.MapPost("/rettigheder", (string cvr, OrganisationPages pages, HttpContext context) => pages.GrantRightAsync(context, cvr));
        organisation.MapPost("/rettigheder/fjern", (string cvr, OrganisationPages pages, HttpContext context) => pages.RevokeRightAsync(context, cvr));
        organisation.MapPost("/fuldmagter", (string cvr, OrganisationPages pages, HttpContext context) => pages.GrantMandateAsync(context, cvr));
        organisation.MapPost("/fuldmagter/{id}/tilbagekald", (string cvr, string id, OrganisationPages pages, HttpContext context) => pages.RevokeMandateAsync(context, cvr, id));
        return group;
    }

    /// <summary>Logging out of the pages ends the broker session (single logout of every service it has), as the broker's own logout page does.</summary>
    private static async Task<IResult> LogOutAsync(HttpContext context, SelfServiceAuthentication authentication, LogoutStarter logout)
    {
        var (request, answer) = await authentication.ForChangeAsync(context);
        return request is null ? answer! : await logout.AtBrokerAsync(context);
    }
}
