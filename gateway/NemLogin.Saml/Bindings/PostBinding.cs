using System.Net;
using System.Text;

namespace NemLogin.Saml.Bindings;

/// <summary>SAML HTTP-POST binding (SAML Bindings 3.5).</summary>
public static class PostBinding
{
    private const string FormId = "saml-post-form";

    /// <summary>Base64 of the UTF-8 bytes of <paramref name="xml"/>.</summary>
    public static string Encode(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));
    }

    /// <summary>Decodes a received base64 value. Errors: MessageMissing, MessageTooLarge (checked before decoding), EncodingInvalid.</summary>
    public static string Decode(string base64, SamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new SamlException(SamlErrorCode.MessageMissing, "The form carries no SAML message.");
        }

        if (base64.Length > limits.MaxEncodedLength)
        {
            throw new SamlException(SamlErrorCode.MessageTooLarge, $"The encoded message exceeds {limits.MaxEncodedLength} characters.");
        }

        return WireText.Utf8(WireText.Base64(base64));
    }

    /// <summary>
    /// A complete HTML page whose form POSTs <paramref name="fields"/> to <paramref name="actionUrl"/> (an absolute http or https URL).
    /// A small script submits it, carrying <paramref name="scriptNonce"/> for a Content-Security-Policy when given; a
    /// &lt;noscript&gt; button works without JavaScript. Every value is HTML-attribute-encoded.
    /// </summary>
    public static string RenderAutoPostForm(string actionUrl, IReadOnlyList<KeyValuePair<string, string>> fields, string? scriptNonce)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!Uri.TryCreate(actionUrl, UriKind.Absolute, out var action) || (action.Scheme != Uri.UriSchemeHttps && action.Scheme != Uri.UriSchemeHttp))
        {
            // A javascript: or data: action would turn the post into script execution.
            throw new ArgumentException("The form action must be an absolute http or https URL.", nameof(actionUrl));
        }

        // Sized up front: the message is tens of kilobytes, and growing the builder would copy it several times per login.
        var capacity = 1024 + actionUrl.Length;
        foreach (var (name, value) in fields)
        {
            capacity += 64 + name.Length + value.Length;
        }

        var html = new StringBuilder(capacity)
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<title>Continue</title></head>\n<body>\n")
            .Append("<form id=\"").Append(FormId).Append("\" method=\"post\" action=\"").Append(Attribute(actionUrl)).Append("\">\n");
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Attribute(name)).Append("\" value=\"").Append(Attribute(value)).Append("\">\n");
        }

        html.Append("<noscript><p>JavaScript is turned off. Press Continue to go on.</p><button type=\"submit\">Continue</button></noscript>\n")
            .Append("</form>\n<script");
        if (scriptNonce is not null)
        {
            html.Append(" nonce=\"").Append(Attribute(scriptNonce)).Append('"');
        }

        return html.Append(">document.getElementById(\"").Append(FormId).Append("\").submit();</script>\n</body></html>\n").ToString();
    }

    // WebUtility.HtmlEncode encodes < > & " and ', which covers a double-quoted attribute value.
    private static string Attribute(string value) => WebUtility.HtmlEncode(value);
}
