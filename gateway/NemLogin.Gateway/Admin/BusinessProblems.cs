using System.Collections.Frozen;
using NemLogin.Grains;
using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// Problem details for refusals about organisations, employees, rights and catalogues (the 6000s of <see cref="BrokerError"/>)
/// and mandates (the 7000s):
/// malformed input 400, an unknown resource 404, a conflict with what is stored (a reused request id, a closed organisation,
/// a revoked identity) 409, any other rule 422.
/// </summary>
internal static class BusinessProblems
{
    private static readonly FrozenDictionary<string, int> Statuses = new Dictionary<BrokerError, int>
    {
        [BrokerError.OrganisationCvrInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationNameInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationProductionUnitInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationSeNumberInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationStatusInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.EmployeeLoaInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.EmployeeStatusInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.RightsScopeInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.PrivilegesCatalogueInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.RequestIdMissing] = StatusCodes.Status400BadRequest,
        [BrokerError.RequestIdInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.MandatePartyInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.MandateSystemsInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.MandateValidityInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.MandateUnknown] = StatusCodes.Status404NotFound,
        [BrokerError.MandateRevoked] = StatusCodes.Status409Conflict,
        [BrokerError.MandateExpired] = StatusCodes.Status409Conflict,
        [BrokerError.MandateExists] = StatusCodes.Status409Conflict,
        [BrokerError.MandateNotRequested] = StatusCodes.Status409Conflict,
        [BrokerError.OrganisationUnknown] = StatusCodes.Status404NotFound,
        [BrokerError.EmployeeUnknown] = StatusCodes.Status404NotFound,
        [BrokerError.RightsUnknown] = StatusCodes.Status404NotFound,
        [BrokerError.PrivilegesItSystemUnknown] = StatusCodes.Status404NotFound,
        [BrokerError.RequestIdReused] = StatusCodes.Status409Conflict,
        [BrokerError.OrganisationClosed] = StatusCodes.Status409Conflict,
        [BrokerError.EmployeeRevoked] = StatusCodes.Status409Conflict,
        [BrokerError.EmployeeAlreadyBound] = StatusCodes.Status409Conflict,
        [BrokerError.EmployeeExists] = StatusCodes.Status409Conflict,
        [BrokerError.OrganisationIdpMetadataInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationIdpCertificateInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationIdpEndpointInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationIdpLoaInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationIdpDomainInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationIdpEntityIdInvalid] = StatusCodes.Status400BadRequest,
        [BrokerError.OrganisationIdpUnknown] = StatusCodes.Status404NotFound,
        [BrokerError.OrganisationIdpDomainTaken] = StatusCodes.Status409Conflict,
    }.ToFrozenDictionary(p => BrokerErrors.Name(p.Key), p => p.Value, StringComparer.Ordinal);

    public static IResult Of(BrokerError error, string detail) => Problem(BrokerErrors.Name(error), detail);

    public static IResult FromRule(GrainRuleException ex) => Problem(ex.Code, ex.Message);

    private static IResult Problem(string code, string detail)
    {
        var status = Statuses.GetValueOrDefault(code, StatusCodes.Status422UnprocessableEntity);
        var title = status switch
        {
            StatusCodes.Status400BadRequest => "The request was refused",
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "The change conflicts with what is stored",
            _ => "The change breaks a rule",
        };
        return AdminProblems.Problem(status, code, title, detail);
    }
}
