using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// The OpenID Connect client the OIDC scenarios log in at: registered once per run through the admin API (a fresh
/// client id and secret), its redirect URI never fetched (the scenario reads the code from the redirect).
/// </summary>
public sealed record OidcLoadClient(Uri Broker, string ClientId, string Secret, string RedirectUri)
{
    private static readonly ConditionalWeakTable<RunResources, Task<OidcLoadClient>> Registered = [];

    public static Task<OidcLoadClient> ForRunAsync(RunResources resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return Registered.GetValue(resources, r => RegisterAsync(r, cancellationToken));
    }

    private static async Task<OidcLoadClient> RegisterAsync(RunResources resources, CancellationToken cancellationToken)
    {
        var admin = resources.Admin
            ?? throw new InvalidOperationException("The OIDC scenarios register their client through the admin API: pass --admin-key (the broker's Admin:ApiKey).");
        var broker = new Uri(new Uri(resources.IdentityProvider.SingleSignOnUrl), "/");
        var client = new OidcLoadClient(broker, "load-rp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), new Uri(broker, "/load-rp/callback").ToString());
        var page = await admin.RegisterOidcClientAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.Secret,
            ["redirect_uris"] = new[] { client.RedirectUri },
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["scope"] = "openid profile nemlogin offline_access",
        }), cancellationToken);
        return page.Status == 201
            ? client
            : throw new InvalidOperationException($"Registering the OIDC load client failed: {page.Status} {page.Body}");
    }
}
