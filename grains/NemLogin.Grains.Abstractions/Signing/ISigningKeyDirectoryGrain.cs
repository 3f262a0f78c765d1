using System.Collections.Immutable;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The public keys of every site's HSM (key 0). In cluster mode each data centre signs with its own token, so a silo
/// knows only its own site's keys; each silo publishes them here and the signer pool answers
/// <see cref="ISignerGrain.GetKeysAsync"/> with every site's, so the one IdP metadata lists them all and a signature made in
/// either data centre validates at any SP. Durable: a site whose silos are all down stays published.
/// </summary>
[Alias("nl.signing.key-directory")]
public interface ISigningKeyDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Replaces what <paramref name="site"/> publishes (every purpose). Publishing the same keys again writes nothing.</summary>
    [Alias("publish")]
    Task PublishAsync(string site, ImmutableArray<SigningKeyInfo> keys);

    /// <summary>Every site's published keys, ordered by site name.</summary>
    [Alias("get")]
    Task<ImmutableArray<SiteSigningKeys>> GetAsync();
}

/// <summary>One site's published keys and when they last changed.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.signing.site-keys")]
public sealed record SiteSigningKeys(
    [property: Id(0)] string Site,
    [property: Id(1)] ImmutableArray<SigningKeyInfo> Keys,
    [property: Id(2)] DateTimeOffset ChangedAt);
