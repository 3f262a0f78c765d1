using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Signing;
using NemLogin.Grains;
using NemLogin.Saml.Signing;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// The broker's public signing keys as published by the signer pool, cached briefly so a login does not cost an extra
/// grain call; a rollover is visible within <see cref="GatewaySigningOptions.KeyCacheDuration"/>. Until then the
/// cached signer keeps signing with the key its certificate names, which the pool still honours during the overlap.
/// </summary>
internal sealed class BrokerSigningKeys(IGrainFactory grains, TimeProvider time, IOptions<GatewaySigningOptions> options)
{
    private Snapshot? _snapshot;

    /// <summary>A signer for the current SAML key.</summary>
    public async ValueTask<ISamlSigner> GetSamlSignerAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Signer;

    /// <summary>Every published SAML certificate: the current first, then the next key, then any previous key in overlap.</summary>
    public async ValueTask<IReadOnlyList<X509Certificate2>> GetSamlCertificatesAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Certificates;

    /// <summary>Forgets the cached keys, e.g. after the pool refused a key that was retired.</summary>
    public void Invalidate() => _snapshot = null;

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && current.ExpiresAt > time.GetUtcNow())
        {
            return current;
        }

        var keys = await grains.Reference<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlSigning).WaitAsync(cancellationToken);
        var currentKey = keys.FirstOrDefault(k => k.IsCurrent)
            ?? throw new InvalidOperationException("The signer pool published no current SAML signing key.");
        var signer = new GrainSamlSigner(grains, currentKey, this);
        var certificates = keys
            .OrderByDescending(k => k.IsCurrent)
            .Select(k => k.KeyId == currentKey.KeyId ? signer.Certificate : X509CertificateLoader.LoadCertificate(k.CertificateDer))
            .ToImmutableArray();
        var fresh = new Snapshot(signer, certificates, time.GetUtcNow() + options.Value.KeyCacheDuration);
        _snapshot = fresh;
        return fresh;
    }

    private sealed record Snapshot(ISamlSigner Signer, ImmutableArray<X509Certificate2> Certificates, DateTimeOffset ExpiresAt);
}
