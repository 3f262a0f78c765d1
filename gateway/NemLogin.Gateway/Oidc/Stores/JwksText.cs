using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>A client's public JSON Web Key Set as text for grain state: the public members only (RFC 7517, 7518 6.2/6.3).</summary>
internal static class JwksText
{
    public static string Write(JsonWebKeySet set)
    {
        var keys = set.Keys.Select(key =>
        {
            var members = new Dictionary<string, object>(StringComparer.Ordinal);
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    members[name] = value;
                }
            }

            Add("kty", key.Kty);
            Add("kid", key.Kid);
            Add("use", key.Use);
            Add("alg", key.Alg);
            Add("n", key.N);
            Add("e", key.E);
            Add("crv", key.Crv);
            Add("x", key.X);
            Add("y", key.Y);
            if (key.X5c.Count > 0)
            {
                members["x5c"] = key.X5c.ToArray();
            }

            return members;
        });
        return JsonSerializer.Serialize(new { keys });
    }
}
