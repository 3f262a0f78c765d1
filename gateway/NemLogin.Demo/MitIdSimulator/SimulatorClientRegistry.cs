using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// The simulator's relying parties: the configured ones, plus the broker under <see cref="MitIdSimulatorOptions.BrokerClientId"/>
/// unless configured explicitly. The broker's redirect URI is computed per request because the broker's base
/// address may only be known once the server listens.
/// </summary>
internal sealed class SimulatorClientRegistry(IOptions<MitIdSimulatorOptions> options, IBrokerUrls urls)
{
    public const string BrokerCallbackPath = "/upstream/mitid/callback";

    public MitIdSimulatorClient? Find(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var configured = options.Value.Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));
        if (configured is not null || !string.Equals(clientId, MitIdSimulatorOptions.BrokerClientId, StringComparison.Ordinal))
        {
            return configured;
        }

        var broker = new MitIdSimulatorClient { ClientId = MitIdSimulatorOptions.BrokerClientId, ClientSecret = options.Value.ClientSecret };
        broker.RedirectUris.Add(urls.Absolute(BrokerCallbackPath));
        return broker;
    }

    /// <summary>OIDC Core 3.1.2.1: the redirect URI must match a registered one exactly (simple string comparison).</summary>
    public static bool IsRegisteredRedirect(MitIdSimulatorClient client, string? redirectUri) =>
        redirectUri is not null && client.RedirectUris.Any(r => string.Equals(r, redirectUri, StringComparison.Ordinal));
}
