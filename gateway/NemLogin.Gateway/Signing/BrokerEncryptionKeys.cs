using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Signing;
using NemLogin.Grains;
using NemLogin.Saml.Encryption;

namespace NemLogin.Gateway.Signing;

/// <summary>
/// The broker's SAML encryption keys (what organisations' own IdPs encrypt assertions to) as the signer pool publishes
/// them, cached for <see cref="GatewaySigningOptions.KeyCacheDuration"/> like the signing keys; and the key unwrapper that
/// decrypts through the pool. A pool without an encryption key (an HSM token without <c>saml-encryption</c>) publishes
/// none: then the broker offers no encryption and refuses encrypted assertions.
/// </summary>
internal sealed class BrokerEncryptionKeys(IGrainFactory grains, TimeProvider time, IOptions<GatewaySigningOptions> options)
{
    private Snapshot? _snapshot;

    /// <summary>The published encryption certificates: current first, then next, then any previous key in overlap.</summary>
    public async ValueTask<IReadOnlyList<X509Certificate2>> GetCertificatesAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Certificates;

    /// <summary>An unwrapper through the pool, or null when the pool publishes no encryption key.</summary>
    public async ValueTask<IKeyUnwrapper?> GetUnwrapperAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Certificates.IsEmpty ? null : new GrainKeyUnwrapper(grains);

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && current.ExpiresAt > time.GetUtcNow())
        {
            return current;
        }

        var keys = await grains.Reference<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlEncryption).WaitAsync(cancellationToken);
        var fresh = new Snapshot(
            [.. keys.OrderByDescending(k => k.IsCurrent).Select(k => X509CertificateLoader.LoadCertificate(k.CertificateDer))],
            time.GetUtcNow() + options.Value.KeyCacheDuration);
        _snapshot = fresh;
        return fresh;
    }

    private sealed record Snapshot(ImmutableArray<X509Certificate2> Certificates, DateTimeOffset ExpiresAt);
}
