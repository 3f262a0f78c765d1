using System.Globalization;
using System.Text;

namespace NemLogin.Gateway.Pages;

/// <summary>
/// Turns a registered URL into a Content-Security-Policy source expression (CSP Level 3, 2.3.1 host-source) that can never
/// end its directive or add one: scheme, the host as ASCII (IDNA), a non-default port and the path, with every character
/// outside a conservative subset of the path grammar percent-encoded. CSP compares paths after percent-decoding both
/// sides, so the encoded source still matches the URL the form posts to. User info, query and fragment are dropped
/// (CSP matches none of them).
/// </summary>
internal static class CspSource
{
    /// <summary>The source expression that allows exactly <paramref name="url"/>'s path on its origin.</summary>
    public static string ForUrl(string url)
    {
        var uri = Parse(url);
        return Host(uri) is { } host ? $"{uri.Scheme}://{host}{Port(uri)}{Path(uri.AbsolutePath)}" : uri.Scheme + ":";
    }

    /// <summary>The source expression for <paramref name="url"/>'s origin (scheme, host, port), e.g. for frame-src.</summary>
    public static string ForOrigin(string url)
    {
        var uri = Parse(url);
        return Host(uri) is { } host ? $"{uri.Scheme}://{host}{Port(uri)}" : uri.Scheme + ":";
    }

    private static Uri Parse(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new ArgumentException("A CSP source needs an absolute http or https URL.", nameof(url));

    // CSP 3 host-part: labels of ALPHA / DIGIT / "-". An address CSP cannot name (IPv6) falls back to the scheme alone:
    // less narrow, but never a way out of the directive.
    private static string? Host(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        return uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 && host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            ? host
            : null;
    }

    private static string Port(Uri uri) => uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);

    // Kept: RFC 3986 unreserved, "/", valid percent-escapes and the sub-delims that cannot confuse a CSP parser. Encoded:
    // ";" and "," (they end a directive or a policy), whitespace (it separates sources), quotes (keywords), everything else.
    private static string Path(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path.Length == 0 ? "/" : path);
        var result = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var kept = b < 0x80 && (char.IsAsciiLetterOrDigit((char)b) || "-._~/!$&()*+=:@".Contains((char)b, StringComparison.Ordinal));
            var escape = b == '%' && i + 2 < bytes.Length && char.IsAsciiHexDigit((char)bytes[i + 1]) && char.IsAsciiHexDigit((char)bytes[i + 2]);
            if (kept || escape)
            {
                result.Append((char)b);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }
}
