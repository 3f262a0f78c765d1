using System.Net.Http.Headers;
using System.Text;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// Client authentication at the token endpoint (RFC 6749 2.3.1): HTTP Basic with form-encoded id and secret, or
/// both in the body. Using both at once is refused, as 2.3 forbids more than one method.
/// </summary>
internal sealed record ClientCredentials(string ClientId, string ClientSecret, bool UsedBasic)
{
    /// <summary>The presented credentials; null with <paramref name="malformed"/> set when they cannot be read.</summary>
    public static ClientCredentials? Read(HttpRequest request, IFormCollection form, out bool malformed)
    {
        malformed = false;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header))
        {
            return form.ContainsKey("client_id") || form.ContainsKey("client_secret") ? ReadBody(form, out malformed) : null;
        }

        if (!string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || form.ContainsKey("client_secret"))
        {
            malformed = true;
            return null;
        }

        // RFC 6749 4.1.3: a client_id sent alongside Basic authentication must name the same client.
        var credentials = ReadBasic(header.Parameter, out malformed);
        if (credentials is not null && form.TryGetValue("client_id", out var bodyId) && !string.Equals(bodyId, credentials.ClientId, StringComparison.Ordinal))
        {
            malformed = true;
            return null;
        }

        return credentials;
    }

    private static ClientCredentials? ReadBody(IFormCollection form, out bool malformed)
    {
        malformed = form["client_id"].Count != 1 || form["client_secret"].Count != 1;
        return malformed ? null : new ClientCredentials(form["client_id"]!, form["client_secret"]!, UsedBasic: false);
    }

    private static ClientCredentials? ReadBasic(string? parameter, out bool malformed)
    {
        malformed = true;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            malformed = false;
            return new ClientCredentials(
                Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')),
                Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')),
                UsedBasic: true);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
