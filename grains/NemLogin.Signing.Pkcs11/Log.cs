using Microsoft.Extensions.Logging;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// Every log line of the PKCS#11 library. Event ids are stable (they were NemLogin.Grains' before the library was split
/// out, and stay so); messages carry no personal data and never the PIN.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Information,
        Message = "HSM signing pool: {Sessions} PKCS#11 sessions on token {TokenLabel} (module {Library})")]
    public static partial void HsmPoolStarting(ILogger logger, int sessions, string tokenLabel, string library);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "HSM keys on token {TokenLabel}: {Summary}")]
    public static partial void HsmKeysLoaded(ILogger logger, string tokenLabel, string summary);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "HSM key problem: {Problem}")]
    public static partial void HsmKeyProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "HSM session lost ({ReturnCode}); re-opening it and retrying once")]
    public static partial void HsmSessionLost(ILogger logger, string returnCode);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Error,
        Message = "HSM failed ({ReturnCode}): signing fails fast and readiness is down; the sessions are re-opened after {RecoveryInterval}")]
    public static partial void HsmDeviceFailed(ILogger logger, string returnCode, TimeSpan recoveryInterval);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "HSM signing recovered from {ReturnCode} after {Downtime}")]
    public static partial void HsmRecovered(ILogger logger, string returnCode, TimeSpan downtime);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Error, Message = "Could not open an HSM session ({ReturnCode}): {Reason}")]
    public static partial void HsmSessionOpenFailed(ILogger logger, string returnCode, string reason);
}
