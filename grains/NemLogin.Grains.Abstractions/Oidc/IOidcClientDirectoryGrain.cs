using System.Collections.Immutable;

namespace NemLogin.Grains.Oidc;

/// <summary>The ids of all registered OpenID Connect clients, sorted; one instance under <see cref="Key"/>.</summary>
[Alias("nl.oidc.client-directory")]
public interface IOidcClientDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("track")]
    Task TrackAsync(string clientId);

    [Alias("forget")]
    Task ForgetAsync(string clientId);

    /// <summary>Whether the client is registered: asked before a client grain is named, so unknown ids activate nothing per id.</summary>
    [Alias("contains")]
    Task<bool> ContainsAsync(string clientId);

    [Alias("list")]
    Task<ImmutableArray<string>> ListAsync();
}
