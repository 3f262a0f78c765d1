namespace NemLogin.Gateway.Transport;

/// <summary>What the configured public base URL (<c>Broker:PublicBaseUrl</c>) says about the transport browsers use.</summary>
internal static class PublicUrl
{
    public static bool IsHttps(string? publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
