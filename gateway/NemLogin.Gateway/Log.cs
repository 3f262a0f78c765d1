namespace NemLogin.Gateway;

/// <summary>Every log line of the gateway. Ids name entities (SP entityIDs, session and identity ids), never persons.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Service provider {EntityId} registered from metadata file {File} (version {Version})")]
    public static partial void ServiceProviderRegisteredFromFile(ILogger logger, string entityId, string file, long version);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Service provider metadata file {File} rejected: {Code} {Reason}")]
    public static partial void ServiceProviderFileRejected(ILogger logger, string file, string code, string reason);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "SAML request refused: {Code} from {Issuer}: {Reason}")]
    public static partial void SamlRequestRefused(ILogger logger, string code, string? issuer, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Login started for {ServiceProvider}: flow {FlowId}, upstream {Upstream}, required LoA {Loa}")]
    public static partial void LoginStarted(ILogger logger, string serviceProvider, string flowId, string upstream, string loa);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Assertion {AssertionId} issued to {ServiceProvider} for identity {IdentityId} in session {SessionReference} ({Kind})")]
    public static partial void AssertionIssued(ILogger logger, string assertionId, string serviceProvider, Guid identityId, string sessionReference, string kind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "SAML error response {Status}/{SubStatus} sent to {ServiceProvider}")]
    public static partial void SamlErrorResponseSent(ILogger logger, string status, string? subStatus, string serviceProvider);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Upstream login failed in flow {FlowId}: {Code}")]
    public static partial void UpstreamFailed(ILogger logger, string flowId, string code, Exception? exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Login flow refused: {Code}")]
    public static partial void LoginFlowRefused(ILogger logger, string code);

    // Cluster client (1300-1399).
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "No silo of the cluster answers yet ({ErrorType}); retrying")]
    public static partial void ClusterConnectionRetry(ILogger logger, string errorType);

    // Single logout (1400-1499).
    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "SAML logout message refused: {Code} from {Issuer}: {Reason}")]
    public static partial void LogoutMessageRefused(ILogger logger, string code, string? issuer, string reason);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Session of identity {IdentityId} ended by {Initiator}; {Targets} other participants to tell (flow {FlowId})")]
    public static partial void LogoutStarted(ILogger logger, Guid identityId, string initiator, int targets, string? flowId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Logout request from {ServiceProvider} found no live session; answered Success")]
    public static partial void LogoutFoundNoSession(ILogger logger, string serviceProvider);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Logout request from {ServiceProvider} names another principal than the session's participant; answered UnknownPrincipal")]
    public static partial void LogoutPrincipalMismatch(ILogger logger, string serviceProvider);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "Logout flow {FlowId}: {ServiceProvider} answered {Status}")]
    public static partial void LogoutParticipantAnswered(ILogger logger, string flowId, string serviceProvider, string status);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Logout flow {FlowId} of identity {IdentityId} finished: {LoggedOut} of {Targets} participants confirmed")]
    public static partial void LogoutFinished(ILogger logger, string flowId, Guid identityId, int loggedOut, int targets);

    // Audit and administration (4000-4099): entityIDs, actions and codes; never keys, never persons.

    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "Audit: {Count} records were dropped because the buffer was full (the audit store is too slow or down)")]
    public static partial void AuditRecordsDropped(ILogger logger, long count);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Audit: {Count} records for bucket {Bucket} could not be stored after retries")]
    public static partial void AuditRecordsLost(ILogger logger, int count, string bucket, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Admin API: unauthorised {Method} {Path}")]
    public static partial void AdminRequestUnauthorized(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Service provider {EntityId}: {Action} by {Actor} (version {Version})")]
    public static partial void ServiceProviderChanged(ILogger logger, string action, string entityId, string actor, long version);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Service provider {EntityId}: {Action} by {Actor} refused: {Code}")]
    public static partial void ServiceProviderChangeRefused(ILogger logger, string action, string? entityId, string actor, string code);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Information, Message = "Organisation {Cvr}: {Action} by {Actor} on {Subject} (version {Version})")]
    public static partial void OrganisationChanged(ILogger logger, string action, string cvr, string actor, string subject, long version);

    [LoggerMessage(EventId = 4041, Level = LogLevel.Warning, Message = "Organisation {Cvr}: {Action} by {Actor} on {Subject} refused: {Code}")]
    public static partial void OrganisationChangeRefused(ILogger logger, string action, string? cvr, string actor, string subject, string code);

    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "Mandate {MandateId}: {Action} by {Actor} (version {Version})")]
    public static partial void MandateChanged(ILogger logger, string action, Guid mandateId, string actor, long version);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Warning, Message = "Mandate {MandateId}: {Action} by {Actor} refused: {Code}")]
    public static partial void MandateChangeRefused(ILogger logger, string action, Guid? mandateId, string actor, string code);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Metadata refresh round could not list the service providers")]
    public static partial void MetadataRefreshRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning, Message = "Metadata refresh for {EntityId} failed")]
    public static partial void MetadataRefreshFailed(ILogger logger, string entityId, Exception exception);

    // MitID simulator (3000-3099): names clients and error codes, never users.

    // MitID upstream client (3100-3199).
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Fetched MitID metadata for issuer {Issuer}: {KeyCount} signing keys")]
    public static partial void MetadataFetched(ILogger logger, string issuer, int keyCount);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Fetching MitID metadata failed: {ErrorType}")]
    public static partial void MetadataFetchFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "An ID token names a key MitID did not publish when last fetched; fetching the keys again")]
    public static partial void SigningKeysRefetched(ILogger logger);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "MitID's token endpoint could not be used: {ErrorType}")]
    public static partial void TokenExchangeUnreachable(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "MitID refused a code exchange: HTTP {StatusCode}, {Error}")]
    public static partial void TokenExchangeRefused(ILogger logger, int statusCode, string error);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "MitID login completed at {Loa}")]
    public static partial void LoginCompleted(ILogger logger, string loa);

    // Signing (1400-1499).
    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Signing unavailable ({Code}) for {Path}; answered 503")]
    public static partial void SigningUnavailable(ILogger logger, string code, string path);

    // Sessions, flows and unauthenticated input (5000-5099).
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Session of identity {IdentityId} ended by {Initiator} from a browser without it; {Untold} other participants not told")]
    public static partial void LogoutFromOtherBrowser(ILogger logger, Guid identityId, string initiator, int untold);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Audit: {Count} refused requests over the refusal budget were counted, not recorded one by one")]
    public static partial void AuditRefusalsSuppressed(ILogger logger, long count);

    // Behind the reverse proxy (5200-5209).
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Forwarded headers are taken only from proxies [{Proxies}] and networks [{Networks}], at most {ForwardLimit} deep")]
    public static partial void ForwardedHeadersTrusted(ILogger logger, string proxies, string networks, int forwardLimit);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Forwarded headers are ignored: no ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks configured, so client addresses are those of the connections")]
    public static partial void ForwardedHeadersIgnored(ILogger logger);

    // OpenID Connect provider (6000-6199).
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "OIDC client {ClientId} signed in by {Kind}")]
    public static partial void OidcSignedIn(ILogger logger, string clientId, string kind);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "OIDC login for client {ClientId} ended without a session: {LoginError}")]
    public static partial void OidcLoginFailed(ILogger logger, string clientId, string loginError);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Loading the token-signing keys failed: {ErrorType}")]
    public static partial void TokenSigningKeysUnavailable(ILogger logger, string errorType);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Back-channel logout sent to OIDC client {ClientId}: HTTP {StatusCode}")]
    public static partial void BackChannelLogoutSent(ILogger logger, string clientId, int statusCode);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Back-channel logout to OIDC client {ClientId} failed: {ErrorType}")]
    public static partial void BackChannelLogoutFailed(ILogger logger, string clientId, string errorType);
}
