using System.Text;

namespace NemLogin.Saml.Bindings;

/// <summary>Strict decoding of received base64 and UTF-8: anything odd is EncodingInvalid, never replaced silently.</summary>
internal static class WireText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Base64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException exception)
        {
            throw new SamlException(SamlErrorCode.EncodingInvalid, "The value is not valid base64.", exception);
        }
    }

    public static string Utf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new SamlException(SamlErrorCode.EncodingInvalid, "The message is not valid UTF-8.", exception);
        }
    }
}
