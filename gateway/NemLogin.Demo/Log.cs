using Microsoft.Extensions.Logging;

namespace NemLogin.Demo;

/// <summary>
/// Every log line of the demo parts (MitID simulator, demo SP). Event ids are stable: they were the gateway's before the
/// demo became its own project, and stay so.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Demo service provider {EntityId} registered")]
    public static partial void DemoServiceProviderRegistered(ILogger logger, string entityId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Demo service provider could not be registered")]
    public static partial void DemoServiceProviderFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Demo organisation {Cvr} seeded: employee {EmployeeId} with one right at the demo SP")]
    public static partial void DemoOrganisationSeeded(ILogger logger, string cvr, Guid employeeId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Demo organisation could not be seeded")]
    public static partial void DemoOrganisationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Demo organisation IdP {EntityId} registered; its employee is {EmployeeId}")]
    public static partial void DemoOrganisationIdpRegistered(ILogger logger, string entityId, Guid employeeId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Demo organisation IdP could not be registered")]
    public static partial void DemoOrganisationIdpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Demo organisation IdP refused an AuthnRequest: {Code} {Reason}")]
    public static partial void DemoOrganisationIdpRefused(ILogger logger, string code, string reason);
    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Demo mandate {MandateId} seeded: alice lets bent act for her at the demo SP")]
    public static partial void DemoMandateSeeded(ILogger logger, Guid mandateId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "Demo mandate could not be seeded")]
    public static partial void DemoMandateFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Demo service provider refused a response: {Code} {Reason}")]
    public static partial void DemoSpRefused(ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning,
        Message = "MitID simulator signs ID tokens with an RSA key generated in memory at start (simulator only), kid {KeyId}")]
    public static partial void SigningKeyGenerated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "MitID simulator loaded its signing key from file, kid {KeyId}")]
    public static partial void SigningKeyLoaded(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "MitID simulator refused an authorization request with an error page (unknown client or unregistered redirect URI)")]
    public static partial void AuthorizationRefusedWithPage(ILogger logger);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "MitID simulator refused an authorization request: {Error}")]
    public static partial void AuthorizationRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "MitID simulator refused a login form that failed the anti-forgery check")]
    public static partial void FormForgeryRefused(ILogger logger);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "MitID simulator: login cancelled for client {ClientId}")]
    public static partial void LoginCancelled(ILogger logger, string clientId);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "MitID simulator issued a code to client {ClientId}")]
    public static partial void CodeIssued(ILogger logger, string clientId);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "MitID simulator issued an ID token to client {ClientId}")]
    public static partial void TokenIssued(ILogger logger, string clientId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "MitID simulator refused a token request: {Error}")]
    public static partial void TokenRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning, Message = "MitID simulator store {Store} is full; shedding load with 503")]
    public static partial void StoreFull(ILogger logger, string store);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Registering the demo relying party failed")]
    public static partial void DemoRelyingPartyFailed(ILogger logger, Exception exception);
}
