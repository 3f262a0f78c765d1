using System.Buffers;
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
        // One pooled buffer that grows as needed (a redirect-bound request inflates to a few kilobytes), copied out once.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var length = 0;
            int read;
            while ((read = inflater.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw new SamlException(SamlErrorCode.InflateTooLarge, $"The message inflates beyond {maxBytes} bytes.");
                }

                if (length == buffer.Length)
                {
                    // Never more than the cap and one more byte: enough to tell that it was passed.
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new SamlException(SamlErrorCode.EncodingInvalid, "The message is not valid DEFLATE data.", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
