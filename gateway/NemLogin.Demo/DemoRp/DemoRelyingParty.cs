using System.Security.Cryptography;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Demo.DemoRp;

/// <summary>The demo relying party's registration: a confidential client with a secret made at start-up (demo only).</summary>
internal sealed class DemoRelyingParty(IBrokerUrls urls)
{
    public const string ClientId = "demo-rp";

    public string Secret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string RedirectUri => urls.Absolute("/demo-rp/callback");

    public string Home => urls.Absolute("/demo-rp/");

    public string BackChannelLogoutUri => urls.Absolute("/demo-rp/backchannel-logout");
}
