using System.Net;

namespace NemLogin.Saml.Bindings;

/// <summary>
/// The SAML parameters of a received query string, kept as the URL-encoded text that arrived: SAML Bindings 3.4.4.1 has the
/// signature checked over those octets, not over a re-encoding.
/// </summary>
internal sealed class RedirectQuery
{
    public const string SamlRequest = "SAMLRequest";
    public const string SamlResponse = "SAMLResponse";
    public const string RelayState = "RelayState";
    public const string SigAlg = "SigAlg";
    public const string Signature = "Signature";

    // Room for RelayState, SigAlg and an RSA-4096 signature next to a message of the maximum encoded length.
    private const int ParameterAllowance = 4 * 1024;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { SamlRequest, SamlResponse, RelayState, SigAlg, Signature };

    private readonly Dictionary<string, string> _raw;

    private RedirectQuery(Dictionary<string, string> raw)
    {
        _raw = raw;
    }

    public static RedirectQuery Parse(string rawQueryString, SamlLimits limits)
    {
        var query = rawQueryString.StartsWith('?') ? rawQueryString[1..] : rawQueryString;
        if (query.Length > limits.MaxEncodedLength + ParameterAllowance)
        {
            throw new SamlException(SamlErrorCode.MessageTooLarge, "The query string is too long.");
        }

        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var decodedName = WebUtility.UrlDecode(name);
            if (!Known.Contains(decodedName))
            {
                continue;
            }

            // A percent-encoded or repeated SAML parameter name would let two parsers see two different messages.
            if (name != decodedName || !raw.TryAdd(name, equals < 0 ? string.Empty : pair[(equals + 1)..]))
            {
                throw new SamlException(SamlErrorCode.EncodingInvalid, $"The parameter {decodedName} is repeated or encoded.");
            }
        }

        return new RedirectQuery(raw);
    }

    public string? Raw(string name) => _raw.GetValueOrDefault(name);

    /// <summary>The form-decoded value (for RelayState and SigAlg).</summary>
    public string? Decoded(string name) => Raw(name) is { } raw ? WebUtility.UrlDecode(raw) : null;

    /// <summary>The percent-decoded base64 value ('+' stays '+', the only meaning it can have in base64).</summary>
    public byte[]? Base64(string name) => Raw(name) is { } raw ? WireText.Base64(Uri.UnescapeDataString(raw)) : null;
}
