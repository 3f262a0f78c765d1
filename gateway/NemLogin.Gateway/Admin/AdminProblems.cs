using NemLogin.Grains.Errors;
using NemLogin.Grains;
using NemLogin.Saml;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// RFC 9457 problem details for the admin API. <c>code</c> is the stable code clients switch on (the same text error
/// pages show, e.g. <c>saml.704.MetadataEndpointInsecure</c>); SAML refusals add the numeric <c>samlErrorCode</c>.
/// </summary>
internal static class AdminProblems
{
    public static IResult Problem(int status, string code, string title, string? detail = null, int? samlErrorCode = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (samlErrorCode is { } number)
        {
            extensions["samlErrorCode"] = number;
        }

        return TypedResults.Problem(detail, type: "urn:nemlogin:problem:" + code, title: title, statusCode: status, extensions: extensions);
    }

    public static IResult FromSaml(SamlException ex) => Problem(
        StatusCodes.Status400BadRequest,
        ex.Code.StableName(),
        "The metadata was refused",
        ex.Message,
        (int)ex.Code);

    public static IResult FromRule(GrainRuleException ex) => ex.Code == BrokerErrors.Name(BrokerError.SpUnknown)
        ? UnknownSp()
        : Problem(StatusCodes.Status422UnprocessableEntity, ex.Code, "The change breaks a rule of the registration", ex.Message);

    public static IResult UnknownSp() =>
        Problem(StatusCodes.Status404NotFound, BrokerErrors.Name(BrokerError.AdminServiceProviderUnknown), "No such service provider", "No service provider is registered with this entityID.");

    public static IResult Invalid(string code, string detail) =>
        Problem(StatusCodes.Status400BadRequest, code, "The request was refused", detail);
}
