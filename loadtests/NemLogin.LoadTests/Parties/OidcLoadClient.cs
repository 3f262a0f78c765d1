using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using NemLogin.LoadTests.Engine;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// The OpenID Connect client the OIDC scenarios log in at, with what it read from its provider's discovery document.
/// Against the broker it is registered once per run through the admin API (a fresh client id and secret); against the
/// reference OP it is the client configured there (<see cref="ForReferenceProviderAsync"/>). Its redirect URI is never
/// fetched: the scenario reads the code from the redirect.
/// </summary>
public sealed record OidcLoadClient(OidcProviderMetadata Provider, string ClientId, string Secret, string RedirectUri)
{
    /// <summary>The reference OP's load client (loadtests/reference-op/server.mjs): published test values on loopback.</summary>
    public const string ReferenceClientId = "nemlogin-load-rp";

    public const string ReferenceClientSecret = "reference-op-load-test-secret-0123456789abcdef";

    private static readonly ConditionalWeakTable<RunResources, Task<OidcLoadClient>> Registered = [];
    private static readonly ConditionalWeakTable<RunResources, Task<OidcLoadClient>> Reference = [];

    public static Task<OidcLoadClient> ForRunAsync(RunResources resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return Registered.GetValue(resources, r => RegisterAsync(r, cancellationToken));
    }

    public static Task<OidcLoadClient> ForReferenceProviderAsync(RunResources resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return Reference.GetValue(resources, async r =>
        {
            var provider = await OidcProviderMetadata.DiscoverAsync(r.Transport, r.Target, cancellationToken);
            return new OidcLoadClient(provider, ReferenceClientId, ReferenceClientSecret, provider.Issuer.TrimEnd('/') + "/load-rp/callback");
        });
    }

    private static async Task<OidcLoadClient> RegisterAsync(RunResources resources, CancellationToken cancellationToken)
    {
        var admin = resources.Admin
            ?? throw new InvalidOperationException("The OIDC scenarios register their client through the admin API: pass --admin-key (the broker's Admin:ApiKey).");
        var provider = await OidcProviderMetadata.DiscoverAsync(resources.Transport, resources.Target, cancellationToken);
        var client = new OidcLoadClient(provider, "load-rp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), new Uri(resources.Target, "/load-rp/callback").ToString());
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
