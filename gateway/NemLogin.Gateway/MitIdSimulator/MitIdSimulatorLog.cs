namespace NemLogin.Gateway.MitIdSimulator;

/// <summary>
/// The simulator's log lines (event ids 3000-3099). They name clients and error codes, never users: a user name
/// would identify a (test) person, and the same code paths must be safe to copy for a real upstream.
/// </summary>
internal static partial class MitIdSimulatorLog
{
    public const string Category = "NemLogin.Gateway.MitIdSimulator";

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
}
