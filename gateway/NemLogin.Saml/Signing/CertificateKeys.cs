using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Signing;

/// <summary>
/// The key objects of a certificate, imported once per certificate instance. <c>GetRSAPublicKey()</c> builds a new
/// key on every call, which profiling showed as a tenth of the broker's CPU per login; callers keep their parsed
/// certificates (per registration version, per metadata read), so the cache follows their lifetime and never
/// outlives a certificate. The OpenSSL-backed key objects are safe for concurrent public-key and private-key
/// operations: each call creates its own operation context.
/// </summary>
internal static class CertificateKeys
{
    private static readonly ConditionalWeakTable<X509Certificate2, Holder<RSA>> RsaPublic = [];
    private static readonly ConditionalWeakTable<X509Certificate2, Holder<RSA>> RsaPrivate = [];
    private static readonly ConditionalWeakTable<X509Certificate2, Holder<ECDsa>> EcdsaPublic = [];

    public static RSA? RsaPublicKey(X509Certificate2 certificate) =>
        RsaPublic.GetValue(certificate, c => new Holder<RSA>(c.GetRSAPublicKey())).Key;

    public static RSA? RsaPrivateKey(X509Certificate2 certificate) =>
        certificate.HasPrivateKey ? RsaPrivate.GetValue(certificate, c => new Holder<RSA>(c.GetRSAPrivateKey())).Key : null;

    public static ECDsa? EcdsaPublicKey(X509Certificate2 certificate) =>
        EcdsaPublic.GetValue(certificate, c => new Holder<ECDsa>(c.GetECDsaPublicKey())).Key;

    // ConditionalWeakTable cannot hold null: a certificate without such a key is remembered as a holder of null.
    private sealed record Holder<T>(T? Key)
        where T : class;
}
