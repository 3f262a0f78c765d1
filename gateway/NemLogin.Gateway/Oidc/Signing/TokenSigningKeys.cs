using NemLogin.Grains.Errors;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Signing;
using NemLogin.Grains.Signing;
using NemLogin.Grains;

namespace NemLogin.Gateway.Oidc.Signing;

/// <summary>
/// The token-signing keys the signer pool publishes (current first, then next, then previous in overlap), cached for
/// <see cref="GatewaySigningOptions.KeyCacheDuration"/>. Request paths call <see cref="EnsureAsync"/> before OpenIddict signs,
/// so the synchronous signing call finds a loaded current key; validation resolves every published key by its id.
/// </summary>
internal sealed class TokenSigningKeys(IGrainFactory grains, TimeProvider time, IOptions<GatewaySigningOptions> options)
{
    private volatile Snapshot? _snapshot;

    public sealed record PublishedKey(SigningKeyInfo Info, X509Certificate2 Certificate, SecurityKey PublicKey, string Algorithm);

    public sealed record Snapshot(PublishedKey Current, ImmutableArray<PublishedKey> All, DateTimeOffset ExpiresAt);

    /// <summary>The last loaded keys, or null before the first load.</summary>
    public Snapshot? Loaded => _snapshot;

    public async ValueTask<Snapshot> EnsureAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && current.ExpiresAt > time.GetUtcNow())
        {
            return current;
        }

        var keys = await grains.Reference<ISignerGrain>(0).GetKeysAsync(KeyPurpose.TokenSigning).WaitAsync(cancellationToken);
        var published = keys.OrderByDescending(k => k.IsCurrent).Select(Publish).ToImmutableArray();
        var currentKey = published.FirstOrDefault(k => k.Info.IsCurrent)
            ?? throw new SigningUnavailableException(BrokerErrors.Name(BrokerError.SigningNoCurrentKey), "The signer pool published no current token-signing key.");
        var fresh = new Snapshot(currentKey, published, time.GetUtcNow() + options.Value.KeyCacheDuration);
        _snapshot = fresh;
        return fresh;
    }

    public void Invalidate() => _snapshot = null;

    /// <summary>The public keys for a <c>kid</c> (every published key when none is named).</summary>
    public IEnumerable<SecurityKey> Resolve(string? kid) =>
        (_snapshot?.All ?? []).Where(k => string.IsNullOrEmpty(kid) || k.Info.KeyId == kid).Select(k => k.PublicKey);

    private static PublishedKey Publish(SigningKeyInfo info)
    {
        var certificate = X509CertificateLoader.LoadCertificate(info.CertificateDer);
        SecurityKey key;
        string algorithm;
        if (certificate.GetRSAPublicKey() is { } rsa)
        {
            key = new RsaSecurityKey(rsa.ExportParameters(false));
            algorithm = SecurityAlgorithms.RsaSha256;
        }
        else if (certificate.GetECDsaPublicKey() is { } ec && ec.KeySize == 256)
        {
            key = new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false)));
            algorithm = SecurityAlgorithms.EcdsaSha256;
        }
        else
        {
            throw new InvalidOperationException($"Token-signing key {info.KeyId} is neither RSA nor EC P-256.");
        }

        key.KeyId = info.KeyId;
        return new PublishedKey(info, certificate, key, algorithm);
    }
}
