using NemLogin.Gateway.ServiceProviders;
using NemLogin.Grains;
using NemLogin.Saml;

namespace NemLogin.Gateway.Admin;

/// <summary>Shared steps of the SP handlers: find the entityID in the path, and turn refusals into problem details.</summary>
internal static class AdminResults
{
    public static string Location(string entityId) => "/api/admin/service-providers/" + Uri.EscapeDataString(entityId);

    /// <summary>Runs <paramref name="action"/> for the entityID in the path; 404 without one, problem details for refusals.</summary>
    public static async Task<IResult> ForServiceProviderAsync(HttpContext context, Func<string, Task<IResult>> action)
    {
        if (EntityIdSegment.Read(context) is not { } entityId)
        {
            return AdminProblems.UnknownSp();
        }

        try
        {
            return await action(entityId);
        }
        catch (GrainRuleException ex)
        {
            return AdminProblems.FromRule(ex);
        }
        catch (SamlException ex)
        {
            return AdminProblems.FromSaml(ex);
        }
        catch (MetadataFetchException ex)
        {
            return AdminProblems.Problem(StatusCodes.Status502BadGateway, ex.Code, "The metadata could not be fetched", ex.Message);
        }
    }
}
