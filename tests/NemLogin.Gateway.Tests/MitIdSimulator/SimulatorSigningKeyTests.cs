using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NemLogin.Demo.MitIdSimulator;
using Xunit;

namespace NemLogin.Gateway.Tests.MitIdSimulator;

/// <summary>The simulator's key: generated per start unless a PEM or PKCS#12 file is configured.</summary>
public sealed class SimulatorSigningKeyTests
{
    [Fact]
    public void Key_WithoutKeyFile_IsFreshPerInstance()
    {
        using var first = Create(new MitIdSimulatorOptions());
        using var second = Create(new MitIdSimulatorOptions());

        Assert.NotEqual(first.KeyId, second.KeyId);
    }

    [Fact]
    public void Key_FromPemFile_PublishesThatKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(Path.GetTempPath(), $"mitid-sim-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            using var key = Create(new MitIdSimulatorOptions { KeyFile = path });

            Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), key.PublicJwk()["n"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Key_FromPkcs12File_HasTheSameKidEveryStart()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MitID simulator test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), $"mitid-sim-{Guid.NewGuid():N}.p12");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pw"));
        try
        {
            using var first = Create(new MitIdSimulatorOptions { KeyFile = path, KeyFilePassword = "pw" });
            using var second = Create(new MitIdSimulatorOptions { KeyFile = path, KeyFilePassword = "pw" });

            Assert.Equal(first.KeyId, second.KeyId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Key_ShorterThan2048Bits_IsRefused()
    {
        using var rsa = RSA.Create(1024);
        var path = Path.Combine(Path.GetTempPath(), $"mitid-sim-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        try
        {
            Assert.Throws<InvalidOperationException>(() => Create(new MitIdSimulatorOptions { KeyFile = path }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SimulatorSigningKey Create(MitIdSimulatorOptions options) =>
        new(Options.Create(options), NullLogger<SimulatorSigningKey>.Instance);
}
