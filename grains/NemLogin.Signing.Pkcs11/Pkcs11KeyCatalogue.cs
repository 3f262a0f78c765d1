using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Reads the broker's keys from the token: private keys by label, each with the certificate of the same CKA_ID.</summary>
internal static class Pkcs11KeyCatalogue
{
    public static Pkcs11KeyCatalogueResult Load(HsmWorkerContext context)
    {
        var attributes = context.Factories.ObjectAttributeFactory;
        var session = context.Session;
        var found = new List<Pkcs11KeyEntry>();
        var problems = new List<string>();
        List<IObjectHandle> handles;
        using (var template = new Pkcs11Template([attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), attributes.Create(CKA.CKA_TOKEN, true)]))
        {
            handles = session.FindObjects(template.Attributes);
        }

        foreach (var handle in handles)
        {
            var values = session.GetAttributes(handle, [CKA.CKA_LABEL, CKA.CKA_ID, CKA.CKA_KEY_TYPE]);
            var label = values[0].GetValueAsString() ?? string.Empty;
            if (!Pkcs11KeyLabels.TryParse(label, out var purpose, out var role))
            {
                continue;
            }

            var ckaId = values[1].GetValueAsByteArray() ?? [];
            var certificate = NewestCertificate(context, ckaId);
            if (certificate is null)
            {
                problems.Add($"key '{label}' has no certificate (issue one with `keys issue-cert`); it is not used");
                continue;
            }

            var keyType = (CKK)values[2].GetValueAsUlong();
            if (KeyPurposes.Decrypts(purpose) && keyType != CKK.CKK_RSA)
            {
                problems.Add($"key '{label}' is not RSA, and only RSA keys decrypt (RSA-OAEP); it is not used");
                continue;
            }

            if (keyType == CKK.CKK_EC && certificate.GetECDsaPublicKey() is { KeySize: not 256 })
            {
                problems.Add($"key '{label}' is an EC key on a curve other than P-256; it is not used");
                continue;
            }

            var keyId = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
            found.Add(new Pkcs11KeyEntry(purpose, role, keyId, ckaId, keyType, handle, certificate));
        }

        return new Pkcs11KeyCatalogueResult(new Pkcs11KeySnapshot(Resolve(found, problems)), [.. problems]);
    }

    private static ImmutableArray<Pkcs11KeyEntry> Resolve(List<Pkcs11KeyEntry> found, List<string> problems)
    {
        var keys = ImmutableArray.CreateBuilder<Pkcs11KeyEntry>();
        foreach (var purpose in Enum.GetValues<KeyPurpose>())
        {
            var mine = found.Where(k => k.Purpose == purpose).ToList();
            // Two keys labelled current mean a promotion stopped half-way: the newest certificate wins, the other stays published.
            var currents = Newest(mine.Where(k => k.Role == KeyRole.Current));
            var nexts = Newest(mine.Where(k => k.Role == KeyRole.Next));
            if (currents.Count > 1)
            {
                problems.Add($"{currents.Count} {Pkcs11KeyLabels.PurposeName(purpose)} keys are labelled current; {currents[0].KeyId} signs (run `keys promote` again to finish)");
            }

            if (nexts.Count > 1)
            {
                problems.Add($"{nexts.Count} {Pkcs11KeyLabels.PurposeName(purpose)} keys are labelled next; only {nexts[0].KeyId} is published");
            }

            keys.AddRange(currents.Take(1));
            keys.AddRange(nexts.Take(1));
            keys.AddRange(currents.Skip(1).Select(k => k with { Role = KeyRole.Previous }));
            keys.AddRange(Newest(mine.Where(k => k.Role == KeyRole.Previous)));
        }

        return keys.ToImmutable();
    }

    private static List<Pkcs11KeyEntry> Newest(IEnumerable<Pkcs11KeyEntry> keys) =>
        keys.OrderByDescending(k => k.Certificate.NotBefore).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();

    private static X509Certificate2? NewestCertificate(HsmWorkerContext context, byte[] ckaId)
    {
        var attributes = context.Factories.ObjectAttributeFactory;
        using var template = new Pkcs11Template(
            [attributes.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), attributes.Create(CKA.CKA_TOKEN, true), attributes.Create(CKA.CKA_ID, ckaId)]);
        var handles = context.Session.FindObjects(template.Attributes);
        return handles
            .Select(h => context.Session.GetAttributes(h, [CKA.CKA_VALUE])[0].GetValueAsByteArray())
            .Where(der => der is { Length: > 0 })
            .Select(der => X509CertificateLoader.LoadCertificate(der))
            .OrderByDescending(c => c.NotBefore)
            .FirstOrDefault();
    }
}
