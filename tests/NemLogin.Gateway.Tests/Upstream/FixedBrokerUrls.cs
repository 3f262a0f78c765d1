using NemLogin.Gateway.Hosting;

namespace NemLogin.Gateway.Tests.Upstream;

internal sealed class FixedBrokerUrls(string baseUrl) : IBrokerUrls
{
    public string BaseUrl => baseUrl;

    public string Absolute(string path) => baseUrl + path;
}
