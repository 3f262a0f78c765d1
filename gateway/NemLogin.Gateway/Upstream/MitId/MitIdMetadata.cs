using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>A fetched discovery document with MitID's current signing keys.</summary>
internal sealed record MitIdMetadata(
    string Issuer,
    Uri TokenEndpoint,
    Uri JwksUri,
    bool IssParameterSupported,
    IReadOnlyList<JsonWebKey> SigningKeys,
    DateTimeOffset FetchedAt)
{
    public bool HasKey(string keyId) => SigningKeys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
}
