namespace NemLogin.Grains.Oidc;

/// <summary>One OpenID Connect client, keyed by its <c>client_id</c>.</summary>
[Alias("nl.oidc.client")]
public interface IOidcClientGrain : IGrainWithStringKey
{
    /// <summary>The registration, or null when the client is not registered.</summary>
    [Alias("get")]
    Task<OidcClient?> GetAsync();

    /// <summary>
    /// Registers or replaces the client (and lists it in the directory). The key must equal <see cref="OidcClient.ClientId"/>;
    /// refused with <c>oidc.client-invalid</c> when a rule of the registration is broken. Returns the stored registration
    /// and whether it is new.
    /// </summary>
    [Alias("register")]
    Task<(OidcClient Client, bool Created)> RegisterAsync(OidcClient client);

    /// <summary>
    /// Replaces the stored secret hash with <paramref name="replacement"/> only while it still equals
    /// <paramref name="current"/> (a registration changed in between keeps its own); false when nothing was replaced.
    /// The gateway uses it to move a secret verified against an old hash format to the current one.
    /// </summary>
    [Alias("replace-secret-hash")]
    Task<bool> ReplaceSecretHashAsync(string current, string replacement);

    /// <summary>Removes the client; false when it was not registered.</summary>
    [Alias("delete")]
    Task<bool> DeleteAsync();
}
