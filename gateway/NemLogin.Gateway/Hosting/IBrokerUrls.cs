namespace NemLogin.Gateway.Hosting;

/// <summary>
/// The broker's public base address. From <c>Broker:PublicBaseUrl</c> when set; otherwise the first address the
/// server listens on (so <c>--urls</c> works in the embedded demo), with wildcard hosts shown as localhost.
/// </summary>
public interface IBrokerUrls
{
    /// <summary>The base address without a trailing slash, e.g. <c>http://localhost:5000</c>.</summary>
    string BaseUrl { get; }

    /// <summary>An absolute URL for a path of the broker (the path starts with '/').</summary>
    string Absolute(string path);
}
