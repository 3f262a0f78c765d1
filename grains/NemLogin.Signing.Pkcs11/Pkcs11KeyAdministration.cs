using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// The operator's key commands (<c>keys generate|issue-cert|list|retire|promote</c>) on the token named by the
/// options. Each command opens its own read-write session and logs in. Refusals are
/// <see cref="InvalidOperationException"/>s whose message says what to do instead.
/// </summary>
public sealed class Pkcs11KeyAdministration(Pkcs11SigningOptions options, TimeProvider time)
{
    /// <summary>Self-signed certificates last two years unless the operator says otherwise.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(2 * 365);

    /// <summary>
    /// Generates a key pair inside the token and issues its certificate: self-signed for a signing key; for a decryption
    /// key (RSA only) issued by the token's current saml-signing key, since a decryption key never signs.
    /// </summary>
    public HsmKeyDescription Generate(KeyPurpose purpose, KeyRole role, HsmKeyAlgorithm algorithm, string? subject = null, TimeSpan? validity = null)
    {
        if (role == KeyRole.Previous)
        {
            throw new InvalidOperationException("A key becomes previous only by promotion; generate a current or a next key.");
        }

        if (KeyPurposes.Decrypts(purpose) && algorithm == HsmKeyAlgorithm.EcP256)
        {
            throw new InvalidOperationException($"A {Pkcs11KeyLabels.PurposeName(purpose)} key is RSA (RSA-OAEP key transport): use --algorithm rsa-2048 or rsa-3072.");
        }

        var label = Pkcs11KeyLabels.For(purpose, role);
        return WithSession((session, factories) =>
        {
            if (Find(session, factories, CKO.CKO_PRIVATE_KEY, label).Count > 0)
            {
                throw new InvalidOperationException($"The token already has a key labelled '{label}'. Promote or retire it first (keys list shows the keys).");
            }

            var a = factories.ObjectAttributeFactory;
            var ckaId = RandomNumberGenerator.GetBytes(16);
            // Found before the key pair is made, so a token without its signing key is left unchanged.
            var issuer = CertificateIssuer(session, factories, purpose, privateKey: null);
            using var issuerCertificate = issuer?.Certificate;
            using var mechanism = factories.MechanismFactory.Create(Pkcs11KeyTemplates.Mechanism(algorithm));
            using var publicTemplate = Pkcs11KeyTemplates.PublicKey(a, purpose, algorithm, label, ckaId);
            using var privateTemplate = Pkcs11KeyTemplates.PrivateKey(a, purpose, label, ckaId);
            session.GenerateKeyPair(mechanism, publicTemplate.Attributes, privateTemplate.Attributes, out var publicKey, out var privateKey);
            using var certificate = Pkcs11CertificateIssuer.Issue(
                session, factories, CertificateRequest(purpose, publicKey, label, ckaId, subject, validity), issuer ?? new(privateKey, null));
            return Describe(session, factories, privateKey);
        });
    }

    /// <summary>Issues a new certificate for an existing key (renewal), as <see cref="Generate"/> does; the old certificate object is removed.</summary>
    public HsmKeyDescription IssueCertificate(KeyPurpose purpose, KeyRole role, string? subject = null, TimeSpan? validity = null)
    {
        var label = Pkcs11KeyLabels.For(purpose, role);
        return WithSession((session, factories) =>
        {
            var privateKey = Single(session, factories, CKO.CKO_PRIVATE_KEY, label);
            var ckaId = Id(session, privateKey);
            var publicKey = FindById(session, factories, CKO.CKO_PUBLIC_KEY, ckaId).FirstOrDefault()
                ?? throw new InvalidOperationException($"Key '{label}' has no public key object in the token; its certificate cannot be issued here.");
            var old = FindById(session, factories, CKO.CKO_CERTIFICATE, ckaId);
            var issuer = CertificateIssuer(session, factories, purpose, privateKey)!;
            using var issuerCertificate = issuer.Certificate;
            using var certificate = Pkcs11CertificateIssuer.Issue(
                session, factories, CertificateRequest(purpose, publicKey, label, ckaId, subject, validity), issuer);
            foreach (var handle in old)
            {
                session.DestroyObject(handle);
            }

            return Describe(session, factories, privateKey);
        });
    }

    /// <summary>Every private key in the token with its flags and certificate.</summary>
    public IReadOnlyList<HsmKeyDescription> List() => WithSession((session, factories) =>
        Find(session, factories, CKO.CKO_PRIVATE_KEY, label: null)
            .Select(handle => Describe(session, factories, handle))
            .OrderBy(d => d.Purpose is null)
            .ThenBy(d => d.Purpose)
            .ThenBy(d => d.Role)
            .ThenBy(d => d.Label, StringComparer.Ordinal)
            .ToList());

    /// <summary>Destroys a next or previous key (private key, public key and certificate). The current key is never retired.</summary>
    public HsmKeyDescription Retire(KeyPurpose purpose, KeyRole role)
    {
        if (role == KeyRole.Current)
        {
            throw new InvalidOperationException("The current key cannot be retired: promote a next key first, then retire the previous one.");
        }

        var label = Pkcs11KeyLabels.For(purpose, role);
        return WithSession((session, factories) =>
        {
            var privateKey = Single(session, factories, CKO.CKO_PRIVATE_KEY, label);
            var description = Describe(session, factories, privateKey);
            var ckaId = Id(session, privateKey);
            foreach (var kind in new[] { CKO.CKO_CERTIFICATE, CKO.CKO_PUBLIC_KEY, CKO.CKO_PRIVATE_KEY })
            {
                foreach (var handle in FindById(session, factories, kind, ckaId))
                {
                    session.DestroyObject(handle);
                }
            }

            return description;
        });
    }

    /// <summary>
    /// Makes the next key current and the current key previous (still published, so SPs that have not yet fetched the
    /// new metadata keep validating during the overlap). The next key is relabelled first: if the command stops half-way,
    /// two keys say current and the silos sign with the newer one, which is what the operator asked for.
    /// </summary>
    public HsmKeyDescription Promote(KeyPurpose purpose)
    {
        var nextLabel = Pkcs11KeyLabels.For(purpose, KeyRole.Next);
        var currentLabel = Pkcs11KeyLabels.For(purpose, KeyRole.Current);
        var previousLabel = Pkcs11KeyLabels.For(purpose, KeyRole.Previous);
        return WithSession((session, factories) =>
        {
            if (Find(session, factories, CKO.CKO_PRIVATE_KEY, previousLabel).Count > 0)
            {
                throw new InvalidOperationException($"The token still has '{previousLabel}'. Retire it first: keys retire --purpose {Pkcs11KeyLabels.PurposeName(purpose)} --role previous");
            }

            var next = Single(session, factories, CKO.CKO_PRIVATE_KEY, nextLabel);
            var nextId = Id(session, next);
            if (FindById(session, factories, CKO.CKO_CERTIFICATE, nextId).Count == 0)
            {
                throw new InvalidOperationException($"'{nextLabel}' has no certificate; issue one before promoting it (keys issue-cert).");
            }

            var current = Find(session, factories, CKO.CKO_PRIVATE_KEY, currentLabel);
            var currentIds = current.Select(h => Id(session, h)).ToList();
            Relabel(session, factories, nextId, currentLabel);
            foreach (var id in currentIds)
            {
                Relabel(session, factories, id, previousLabel);
            }

            return Describe(session, factories, next);
        });
    }

    internal static string DefaultSubject(KeyPurpose purpose) => $"CN=NemLogin.Orleans {Pkcs11KeyLabels.PurposeName(purpose)}";

    private Pkcs11CertificateIssuer.Request CertificateRequest(
        KeyPurpose purpose, IObjectHandle publicKey, string label, byte[] ckaId, string? subject, TimeSpan? validity) =>
        new(publicKey, label, ckaId, subject ?? DefaultSubject(purpose),
            KeyPurposes.Decrypts(purpose) ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature,
            time.GetUtcNow(), validity ?? DefaultValidity);

    /// <summary>
    /// Who signs a new certificate of <paramref name="purpose"/>: null when the key certifies itself (<paramref name="privateKey"/>
    /// or, while generating, the key pair about to be made); for a decryption key the current saml-signing key, which must exist.
    /// </summary>
    private static Pkcs11CertificateIssuer.Issuer? CertificateIssuer(
        ISession session, Pkcs11InteropFactories factories, KeyPurpose purpose, IObjectHandle? privateKey)
    {
        if (!KeyPurposes.Decrypts(purpose))
        {
            return privateKey is null ? null : new(privateKey, null);
        }

        var signingLabel = Pkcs11KeyLabels.For(KeyPurpose.SamlSigning, KeyRole.Current);
        var signing = Find(session, factories, CKO.CKO_PRIVATE_KEY, signingLabel);
        var der = signing.Count == 1
            ? FindById(session, factories, CKO.CKO_CERTIFICATE, Id(session, signing[0]))
                .Select(h => session.GetAttributeValue(h, [CKA.CKA_VALUE])[0].GetValueAsByteArray())
                .FirstOrDefault(v => v is { Length: > 0 })
            : null;
        return der is null
            ? throw new InvalidOperationException(
                $"A {Pkcs11KeyLabels.PurposeName(purpose)} key never signs, so the current '{signingLabel}' key issues its certificate; the token has " +
                $"{(signing.Count == 0 ? "none" : signing.Count == 1 ? "it without a certificate" : "several")}. Generate it first: keys generate --purpose saml-signing")
            : new(signing[0], X509CertificateLoader.LoadCertificate(der));
    }

    private T WithSession<T>(Func<ISession, Pkcs11InteropFactories, T> action)
    {
        using var lease = Pkcs11Module.Acquire(options.LibraryPath);
        var slot = lease.Module.FindSlot(options.TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, options.Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another session of this process (a silo's pool) logged in already; login is per application (PKCS#11 §5.6).
        }

        return action(session, lease.Module.Factories);
    }

    private static void Relabel(ISession session, Pkcs11InteropFactories factories, byte[] ckaId, string label)
    {
        // Private key first: its label is the one the silos read.
        foreach (var kind in new[] { CKO.CKO_PRIVATE_KEY, CKO.CKO_PUBLIC_KEY, CKO.CKO_CERTIFICATE })
        {
            foreach (var handle in FindById(session, factories, kind, ckaId))
            {
                using var template = new Pkcs11Template([factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label)]);
                session.SetAttributeValue(handle, template.Attributes);
            }
        }
    }

    private static HsmKeyDescription Describe(ISession session, Pkcs11InteropFactories factories, IObjectHandle privateKey)
    {
        var values = session.GetAttributeValue(privateKey,
            [CKA.CKA_LABEL, CKA.CKA_ID, CKA.CKA_KEY_TYPE, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_ALWAYS_SENSITIVE, CKA.CKA_NEVER_EXTRACTABLE]);
        var label = values[0].GetValueAsString() ?? string.Empty;
        var ckaId = values[1].GetValueAsByteArray() ?? [];
        var keyType = (CKK)values[2].GetValueAsUlong();
        KeyPurpose? purpose = null;
        KeyRole? role = null;
        if (Pkcs11KeyLabels.TryParse(label, out var p, out var r))
        {
            (purpose, role) = (p, r);
        }

        var der = FindById(session, factories, CKO.CKO_CERTIFICATE, ckaId)
            .Select(h => session.GetAttributeValue(h, [CKA.CKA_VALUE])[0].GetValueAsByteArray())
            .FirstOrDefault(v => v is { Length: > 0 });
        using var certificate = der is null ? null : X509CertificateLoader.LoadCertificate(der);
        var algorithm = keyType switch
        {
            CKK.CKK_RSA => $"RSA-{session.GetAttributeValue(privateKey, [CKA.CKA_MODULUS])[0].GetValueAsByteArray().Length * 8}",
            CKK.CKK_EC => "EC P-256",
            _ => keyType.ToString(),
        };
        return new HsmKeyDescription(
            label, purpose, role, Convert.ToHexStringLower(ckaId), algorithm,
            values[3].GetValueAsBool(), values[4].GetValueAsBool(), values[5].GetValueAsBool(), values[6].GetValueAsBool(),
            certificate is null ? null : Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            certificate?.Subject,
            certificate is null ? null : new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            certificate is null ? null : new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    private static IObjectHandle Single(ISession session, Pkcs11InteropFactories factories, CKO kind, string label)
    {
        var found = Find(session, factories, kind, label);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new InvalidOperationException($"The token has no key labelled '{label}' (keys list shows the keys)."),
            _ => throw new InvalidOperationException($"The token has {found.Count} keys labelled '{label}'; retire the extra ones with pkcs11-tool before continuing."),
        };
    }

    private static List<IObjectHandle> Find(ISession session, Pkcs11InteropFactories factories, CKO kind, string? label)
    {
        var a = factories.ObjectAttributeFactory;
        using var template = new Pkcs11Template([a.Create(CKA.CKA_CLASS, kind), a.Create(CKA.CKA_TOKEN, true)]);
        if (label is not null)
        {
            template.Attributes.Add(a.Create(CKA.CKA_LABEL, label));
        }

        return session.FindAllObjects(template.Attributes);
    }

    private static List<IObjectHandle> FindById(ISession session, Pkcs11InteropFactories factories, CKO kind, byte[] ckaId)
    {
        var a = factories.ObjectAttributeFactory;
        using var template = new Pkcs11Template([a.Create(CKA.CKA_CLASS, kind), a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_ID, ckaId)]);
        return session.FindAllObjects(template.Attributes);
    }

    private static byte[] Id(ISession session, IObjectHandle handle) =>
        session.GetAttributeValue(handle, [CKA.CKA_ID])[0].GetValueAsByteArray() ?? [];
}
