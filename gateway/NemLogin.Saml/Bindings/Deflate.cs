using System.IO.Compression;

namespace NemLogin.Saml.Bindings;

/// <summary>Raw DEFLATE (RFC 1951) as the HTTP-Redirect binding uses it (SAML Bindings 3.4.4.1).</summary>
internal static class Deflate
{
    private const int ChunkBytes = 8 * 1024;

    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflater = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Inflates at most <paramref name="maxBytes"/> bytes and stops reading beyond them, so a deflate bomb costs no more memory than
    /// the cap. InflateTooLarge past the cap, EncodingInvalid for a corrupt stream.
    /// </summary>
    public static byte[] Inflate(byte[] compressed, int maxBytes)
    {
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[ChunkBytes];
            int read;
            while ((read = inflater.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw new SamlException(SamlErrorCode.InflateTooLarge, $"The message inflates beyond {maxBytes} bytes.");
                }

                output.Write(chunk, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new SamlException(SamlErrorCode.EncodingInvalid, "The message is not valid DEFLATE data.", exception);
        }
    }
}
