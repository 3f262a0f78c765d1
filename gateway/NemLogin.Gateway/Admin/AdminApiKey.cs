using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// Checks the bearer key. Both sides are hashed first and compared in constant time, so neither the key's content nor
/// its length can be learnt from response timing.
/// </summary>
internal sealed class AdminApiKey(IOptions<AdminOptions> options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Hash(options.Value.ApiKey.Trim());

    public bool Enabled => _expected is not null;

    /// <summary>True when the request carries <c>Authorization: Bearer &lt;key&gt;</c> with the configured key (RFC 6750 2.1).</summary>
    public bool IsPresentedBy(HttpRequest request)
    {
        if (_expected is null || request.Headers.Authorization.Count != 1)
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(header[Scheme.Length..].Trim()), _expected);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
