using System.Text;

namespace NemLogin.Gateway.ServiceProviders;

internal static class MetadataText
{
    /// <summary>UTF-8 (SAML Metadata 4.1 publishes UTF-8 documents), without a leading byte-order mark.</summary>
    public static string Decode(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
