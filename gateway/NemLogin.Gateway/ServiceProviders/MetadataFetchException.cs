namespace NemLogin.Gateway.ServiceProviders;

/// <summary>Fetching an SP's metadata from its URL failed; <see cref="Code"/> is stable.</summary>
internal sealed class MetadataFetchException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public const string FetchFailed = "sp.metadata-fetch-failed";
    public const string TooLarge = "sp.metadata-too-large";

    public string Code { get; } = code;
}
