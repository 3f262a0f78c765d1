namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>The MitID client's log lines (event ids 3100-3199). No tokens, codes, secrets or personal data.</summary>
internal static partial class MitIdUpstreamLog
{
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
}
