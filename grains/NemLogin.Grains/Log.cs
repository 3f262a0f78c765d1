using Microsoft.Extensions.Logging;

namespace NemLogin.Grains;

/// <summary>Every log line of the grains project. Event ids are stable; messages carry no personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Software signing key in use for {Purpose} (key {KeyId}, folder {Directory}). It is for the embedded demo ONLY; production signs in an HSM.")]
    public static partial void SoftwareSigningKeyInUse(ILogger logger, string purpose, string keyId, string directory);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Created a new software signing key for {Purpose} (key {KeyId}) in {Directory}.")]
    public static partial void SoftwareSigningKeyCreated(ILogger logger, string purpose, string keyId, string directory);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Published {Count} keys of site {Site} in the key directory")]
    public static partial void SigningKeysPublished(ILogger logger, int count, string site);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Could not publish the keys of site {Site} in the key directory; trying again")]
    public static partial void SigningKeysNotPublished(ILogger logger, Exception exception, string site);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Could not read the signing key directory; the last copy is kept")]
    public static partial void SigningKeyDirectoryNotRead(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Audit bucket {Bucket} is full; {Count} records were not stored")]
    public static partial void AuditBucketFull(ILogger logger, string bucket, int count);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Mandate {MandateId} expired at the end of its validity period")]
    public static partial void MandateExpired(ILogger logger, Guid mandateId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Mandate {MandateId} expired but its audit record could not be stored")]
    public static partial void MandateExpiryNotAudited(ILogger logger, Guid mandateId, Exception exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Purged {Count} expired in-process grain state records; {Left} remain")]
    public static partial void ProcessStatePurged(ILogger logger, int count, int left);
}
