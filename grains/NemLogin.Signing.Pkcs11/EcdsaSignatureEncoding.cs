using System.Formats.Asn1;
using System.Numerics;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>ECDSA signature encodings: PKCS#11 returns r‖s; X.509 certificates carry Ecdsa-Sig-Value (RFC 3279 §2.2.3).</summary>
internal static class EcdsaSignatureEncoding
{
    public static byte[] ToDer(byte[] rs)
    {
        if (rs.Length == 0 || rs.Length % 2 != 0)
        {
            throw new ArgumentException("An r‖s signature has two halves of equal length.", nameof(rs));
        }

        var half = rs.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(rs.AsSpan(0, half), isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(rs.AsSpan(half), isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }
}
