using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signing;

namespace NemLogin.Benchmarks;

/// <summary>
/// One login's SAML Response as the broker writes it (`responses` verb): an OIOSAML 3 assertion with the citizen attribute
/// set, signed, encrypted (AES-256-GCM, RSA-OAEP) for a 2048-bit SP certificate, in an unsigned Response, on one thread.
/// The signer returns a fixed value, so the figure is the XML and encryption work alone (the signature is the signer
/// pool's, measured by the default verb). Reports process CPU and allocated bytes per response: robust on a shared machine.
/// </summary>
internal static class ResponseWritingBenchmark
{
    public static async Task RunAsync(TimeSpan duration, int rounds)
    {
        var (assertion, target, signer) = Setup();
        for (var i = 0; i < 2_000; i++)
        {
            await ResponseXml.WriteSuccessAsync("_warm-up", assertion, target, signer, signResponse: false, CancellationToken.None);
        }

        var results = new List<(double CpuMicroseconds, double Bytes, long Responses)>();
        for (var round = 1; round <= rounds; round++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            long responses = 0;
            while (clock.Elapsed < duration)
            {
                await ResponseXml.WriteSuccessAsync("_r" + responses, assertion, target, signer, signResponse: false, CancellationToken.None);
                responses++;
            }

            process.Refresh();
            var result = (
                (process.TotalProcessorTime - cpu).TotalMicroseconds / responses,
                (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / responses,
                responses);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {responses} responses, {result.Item1:F1} µs CPU and {result.Item2:F0} bytes allocated per response"));
        }

        var cpuMedian = results.Select(r => r.CpuMicroseconds).Order().ElementAt(results.Count / 2);
        var bytesMedian = results.Select(r => r.Bytes).Order().ElementAt(results.Count / 2);
        Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("| measured | process CPU µs per response (median) | bytes allocated per response (median) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| `ResponseXml.WriteSuccessAsync` (fixed signature value), median of {rounds} rounds of {duration.TotalSeconds:F0} s | {cpuMedian:F0} | {bytesMedian:F0} |"));
    }

    private static (AssertionDescriptor Assertion, EncryptionTarget Target, ISamlSigner Signer) Setup()
    {
        using var spKey = RSA.Create(2048);
        using var spCertificate = new CertificateRequest("CN=sp", spKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var target = new EncryptionTarget(
            X509CertificateLoader.LoadCertificate(spCertificate.RawData), SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep);
        using var idpKey = RSA.Create(3072);
        using var idpCertificate = new CertificateRequest("CN=broker", idpKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var now = DateTimeOffset.UtcNow;
        var assertion = new AssertionDescriptor
        {
            Issuer = "https://broker.example/saml/metadata",
            Audience = "https://sp.example/saml/metadata",
            Recipient = "https://sp.example/saml/acs",
            InResponseTo = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            NameId = SamlConstants.OioSaml.PersonNameIdPrefix + Guid.NewGuid(),
            SessionIndex = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            IssueInstant = now,
            AuthnInstant = now,
            SessionNotOnOrAfter = now.AddHours(8),
            AuthenticatingAuthority = "https://mitid.example/",
            AuthnContextClassRef = SamlConstants.OioSaml.LoaSubstantial,
            Attributes =
            [
                new SamlAttribute("https://data.gov.dk/model/core/specVersion", ["OIO-SAML-3.0"]),
                new SamlAttribute("https://data.gov.dk/concept/core/nsis/loa", ["Substantial"]),
                new SamlAttribute("https://data.gov.dk/model/core/eid/person/pid", ["9208-2002-2-123456789012"]),
                new SamlAttribute("https://data.gov.dk/model/core/eid/cprNumber", ["0101701234"]),
                new SamlAttribute("https://data.gov.dk/model/core/eid/firstName", ["Åse"]),
                new SamlAttribute("https://data.gov.dk/model/core/eid/lastName", ["Ørsted"]),
                new SamlAttribute("https://data.gov.dk/model/core/eid/email", ["aase@example.dk"]),
            ],
        };
        return (assertion, target, new FixedValueSigner(X509CertificateLoader.LoadCertificate(idpCertificate.RawData)));
    }

    private sealed class FixedValueSigner(X509Certificate2 certificate) : ISamlSigner
    {
        private static readonly byte[] Value = new byte[384];

        public X509Certificate2 Certificate => certificate;

        public string SignatureAlgorithm => SamlConstants.Algorithms.RsaSha256;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => ValueTask.FromResult(Value);
    }
}
