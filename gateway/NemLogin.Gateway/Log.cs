namespace NemLogin.Gateway;

/// <summary>Every log line of the gateway. Ids name entities (SP entityIDs, session and identity ids), never persons.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Service provider {EntityId} registered from metadata file {File} (version {Version})")]
    public static partial void ServiceProviderRegisteredFromFile(ILogger logger, string entityId, string file, long version);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Service provider metadata file {File} rejected: {Code} {Reason}")]
    public static partial void ServiceProviderFileRejected(ILogger logger, string file, string code, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Demo service provider {EntityId} registered")]
    public static partial void DemoServiceProviderRegistered(ILogger logger, string entityId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Demo service provider could not be registered")]
    public static partial void DemoServiceProviderFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "SAML request refused: {Code} from {Issuer}: {Reason}")]
    public static partial void SamlRequestRefused(ILogger logger, string code, string? issuer, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Login started for {ServiceProvider}: flow {FlowId}, upstream {Upstream}, required LoA {Loa}")]
    public static partial void LoginStarted(ILogger logger, string serviceProvider, string flowId, string upstream, string loa);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Assertion {AssertionId} issued to {ServiceProvider} for identity {IdentityId} in session {SessionId} ({Kind})")]
    public static partial void AssertionIssued(ILogger logger, string assertionId, string serviceProvider, Guid identityId, string sessionId, string kind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "SAML error response {Status}/{SubStatus} sent to {ServiceProvider}")]
    public static partial void SamlErrorResponseSent(ILogger logger, string status, string? subStatus, string serviceProvider);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Upstream login failed in flow {FlowId}: {Code}")]
    public static partial void UpstreamFailed(ILogger logger, string flowId, string code, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Login flow refused: {Code}")]
    public static partial void LoginFlowRefused(ILogger logger, string code);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Demo service provider refused a response: {Code} {Reason}")]
    public static partial void DemoSpRefused(ILogger logger, string code, string reason);
}
