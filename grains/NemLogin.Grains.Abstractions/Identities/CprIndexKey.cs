using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace NemLogin.Grains.Identities;

/// <summary>
/// Where <see cref="ICprIndexGrain"/> files a CPR number: a SHA-256 of it (domain-separated) as the entry, and the hash's
/// first 16 bits as the bucket grain's key. The number itself is never a grain key, so it never appears where Orleans
/// writes grain ids (logs, storage keys); a bucket number says nothing about whom it holds. The hash is no secret (the
/// CPR space is small enough to enumerate), so entries are kept only where the identities' own state, which holds the
/// numbers themselves, is kept.
/// </summary>
public static class CprIndexKey
{
    public const int Buckets = 1 << 16;

    public static (long Bucket, string Entry) For(string cprNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(cprNumber);
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes("nemlogin-cpr-index|" + cprNumber));
        return (BinaryPrimitives.ReadUInt16BigEndian(hash), Convert.ToHexStringLower(hash));
    }
}
