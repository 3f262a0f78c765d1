using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Hosting;

internal sealed class BrokerUrls(IOptions<BrokerOptions> options, IServer server) : IBrokerUrls
{
    private string? _baseUrl;

    public string BaseUrl => _baseUrl ?? Resolve();

    public string Absolute(string path) => BaseUrl + path;

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return _baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        }

        // Read after the server started (the first request or ApplicationStarted); wildcard hosts are shown as localhost
        // because that is what a person on this machine types into the browser.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            // Not listening yet (or the in-memory test server): do not remember this guess.
            return "http://localhost";
        }

        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return _baseUrl = uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
