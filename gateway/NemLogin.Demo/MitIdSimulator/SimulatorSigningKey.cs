using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// The simulator's own ID token key. It stands in for MitID's key, not for the broker's: the broker's keys live in
/// the HSM, this one is a plain software key because the simulator is a test double of a foreign party.
/// </summary>
internal sealed class SimulatorSigningKey : IDisposable
{
    private const int MinimumKeySize = 2048;
    private readonly RSA _rsa;

    public SimulatorSigningKey(IOptions<MitIdSimulatorOptions> options, ILogger<SimulatorSigningKey> logger)
    {
        var keyFile = options.Value.KeyFile;
        if (keyFile is null)
        {
            // Generated at start, in memory only: every restart rotates it, which relying parties survive through JWKS.
            _rsa = RSA.Create(MinimumKeySize);
        }
        else
        {
            _rsa = Load(keyFile, options.Value.KeyFilePassword);
        }

        if (_rsa.KeySize < MinimumKeySize)
        {
            throw new InvalidOperationException("MitIdSimulator:KeyFile holds an RSA key shorter than 2048 bits.");
        }

        KeyId = ComputeThumbprint(_rsa.ExportParameters(includePrivateParameters: false));
        Credentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
        if (keyFile is null)
        {
            Log.SigningKeyGenerated(logger, KeyId);
        }
        else
        {
            Log.SigningKeyLoaded(logger, KeyId);
        }
    }

    public string KeyId { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public key as a JWK (RFC 7517), built from public parameters only so no private member can leak.</summary>
    public JsonObject PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public void Dispose() => _rsa.Dispose();

    private static RSA Load(string path, string? password)
    {
        var text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            if (password is null)
            {
                rsa.ImportFromPem(text);
            }
            else
            {
                rsa.ImportFromEncryptedPem(text, password);
            }

            return rsa;
        }

        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("MitIdSimulator:KeyFile holds no RSA private key.");
    }

    /// <summary>RFC 7638 JWK thumbprint: SHA-256 over the required members in lexicographic order.</summary>
    private static string ComputeThumbprint(RSAParameters parameters)
    {
        var canonical = $"{{\"e\":\"{Base64UrlEncoder.Encode(parameters.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64UrlEncoder.Encode(parameters.Modulus)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
