using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>Fetching an SP's metadata from its URL failed; <see cref="Code"/> is stable.</summary>
internal sealed class MetadataFetchException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public static readonly string FetchFailed = BrokerErrors.Name(BrokerError.SpMetadataFetchFailed);
    public static readonly string TooLarge = BrokerErrors.Name(BrokerError.SpMetadataTooLarge);

    public string Code { get; } = code;
}
