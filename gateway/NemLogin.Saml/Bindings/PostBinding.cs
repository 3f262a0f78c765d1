namespace NemLogin.Saml.Bindings;

/// <summary>SAML HTTP-POST binding (SAML Bindings 3.5).</summary>
public static class PostBinding
{
    /// <summary>Base64 of the UTF-8 bytes of <paramref name="xml"/>.</summary>
    public static string Encode(string xml) => throw new NotImplementedException();

    /// <summary>Decodes a received base64 value; the length is capped before decoding.</summary>
    public static string Decode(string base64, SamlLimits limits) => throw new NotImplementedException();

    /// <summary>An HTML page whose form posts <paramref name="fields"/> to <paramref name="actionUrl"/>, with a no-script fallback.</summary>
    public static string RenderAutoPostForm(string actionUrl, IReadOnlyList<KeyValuePair<string, string>> fields, string? scriptNonce) =>
        throw new NotImplementedException();
}
