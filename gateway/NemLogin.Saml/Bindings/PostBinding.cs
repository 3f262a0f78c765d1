using System.Buffers;
using System.Buffers.Text;
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
        var page = new ArrayBufferWriter<byte>(2048);
        WriteAutoPostForm(page, actionUrl, [.. fields.Select(f => PostFormField.Text(f.Key, f.Value))], scriptNonce);
        return Encoding.UTF8.GetString(page.WrittenSpan);
    }

    /// <summary>
    /// Writes the page of <see cref="RenderAutoPostForm"/> as UTF-8 into <paramref name="output"/> (a response body). A field
    /// made by <see cref="PostFormField.Message"/> carries the base64 of its XML's UTF-8 octets, encoded straight into the
    /// output: no base64 string and no page string exist, which a login's Response (tens of kilobytes) would otherwise make.
    /// </summary>
    public static void WriteAutoPostForm(IBufferWriter<byte> output, string actionUrl, IReadOnlyList<PostFormField> fields, string? scriptNonce)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        RequireFormAction(actionUrl);

        Utf8(output, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">");
        Utf8(output, "<title>Continue</title></head>\n<body>\n");
        Utf8(output, "<form id=\"" + FormId + "\" method=\"post\" action=\"");
        Utf8(output, Attribute(actionUrl));
        Utf8(output, "\">\n");
        foreach (var field in fields)
        {
            Utf8(output, "<input type=\"hidden\" name=\"");
            Utf8(output, Attribute(field.Name));
            Utf8(output, "\" value=\"");
            if (field.IsMessage)
            {
                // Base64's alphabet needs no HTML encoding.
                Base64OfUtf8(output, field.Value);
            }
            else
            {
                Utf8(output, Attribute(field.Value));
            }

            Utf8(output, "\">\n");
        }

        Utf8(output, "<noscript><p>JavaScript is turned off. Press Continue to go on.</p><button type=\"submit\">Continue</button></noscript>\n");
        Utf8(output, "</form>\n<script");
        if (scriptNonce is not null)
        {
            Utf8(output, " nonce=\"");
            Utf8(output, Attribute(scriptNonce));
            Utf8(output, "\"");
        }

        Utf8(output, ">document.getElementById(\"" + FormId + "\").submit();</script>\n</body></html>\n");
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actionUrl"/> is an absolute http or https URL.</summary>
    public static void RequireFormAction(string actionUrl)
    {
        if (!Uri.TryCreate(actionUrl, UriKind.Absolute, out var action) || (action.Scheme != Uri.UriSchemeHttps && action.Scheme != Uri.UriSchemeHttp))
        {
            // A javascript: or data: action would turn the post into script execution.
            throw new ArgumentException("The form action must be an absolute http or https URL.", nameof(actionUrl));
        }
    }

    private static void Utf8(IBufferWriter<byte> output, string text) => Encoding.UTF8.GetBytes(text, output);

    private static void Base64OfUtf8(IBufferWriter<byte> output, string text)
    {
        var octets = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var remaining = octets.AsSpan(0, Encoding.UTF8.GetBytes(text, octets));
            while (!remaining.IsEmpty)
            {
                // Whole 3-octet groups per step, so only the last step pads.
                var take = Math.Min(remaining.Length, 3 * 1024);
                var destination = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(take));
                Base64.EncodeToUtf8(remaining[..take], destination, out _, out var written, isFinalBlock: take == remaining.Length);
                output.Advance(written);
                remaining = remaining[take..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(octets);
        }
    }

    // WebUtility.HtmlEncode encodes < > & " and ', which covers a double-quoted attribute value.
    private static string Attribute(string value) => WebUtility.HtmlEncode(value);
}
