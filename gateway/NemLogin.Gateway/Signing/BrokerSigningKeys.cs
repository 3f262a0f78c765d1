using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.Signing;
using NemLogin.Saml.Signing;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// The broker's public signing keys as published by the signer pool, cached briefly so a login does not cost an extra
/// grain call; a rollover is visible within <see cref="CacheFor"/>.
/// </summary>
internal sealed class BrokerSigningKeys(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private Snapshot? _snapshot;

    /// <summary>A signer for the current SAML key.</summary>
    public async ValueTask<ISamlSigner> GetSamlSignerAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Signer;

    /// <summary>Every published SAML certificate: the current first, then the next key for rollover.</summary>
    public async ValueTask<IReadOnlyList<X509Certificate2>> GetSamlCertificatesAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Certificates;

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && current.ExpiresAt > time.GetUtcNow())
        {
            return current;
        }

        var keys = await grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlSigning).WaitAsync(cancellationToken);
        var currentKey = keys.FirstOrDefault(k => k.IsCurrent)
            ?? throw new InvalidOperationException("The signer pool published no current SAML signing key.");
        var signer = new GrainSamlSigner(grains, currentKey);
        var certificates = keys
            .OrderByDescending(k => k.IsCurrent)
            .Select(k => k.KeyId == currentKey.KeyId ? signer.Certificate : X509CertificateLoader.LoadCertificate(k.CertificateDer))
            .ToImmutableArray();
        var fresh = new Snapshot(signer, certificates, time.GetUtcNow() + CacheFor);
        _snapshot = fresh;
        return fresh;
    }

    private sealed record Snapshot(ISamlSigner Signer, ImmutableArray<X509Certificate2> Certificates, DateTimeOffset ExpiresAt);
}
