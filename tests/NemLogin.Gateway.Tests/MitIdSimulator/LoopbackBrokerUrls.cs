using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>The test host's own address, read from Kestrel once it listens on its random loopback port.</summary>
internal sealed class LoopbackBrokerUrls(IServer server) : IBrokerUrls
{
    public string BaseUrl => server.Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public string Absolute(string path) => BaseUrl + path;
}
