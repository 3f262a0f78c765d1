using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace NemLogin.Saml.Tests.Messages;

/// <summary>xmlsec1 as an independent verifier of assertion signatures (judged by its exit code: with an embedded certificate it warns about the chain yet exits 0).</summary>
internal static class Xmlsec1
{
    private const string Path = "/usr/bin/xmlsec1";

    public static bool IsInstalled => File.Exists(Path);

    public static async Task<int> VerifyAssertionAsync(string assertionXml, X509Certificate2 certificate, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("xmlsec1-");
        try
        {
            var xmlFile = System.IO.Path.Combine(folder.FullName, "assertion.xml");
            var pemFile = System.IO.Path.Combine(folder.FullName, "cert.pem");
            await File.WriteAllTextAsync(xmlFile, assertionXml, ct);
            await File.WriteAllTextAsync(pemFile, certificate.ExportCertificatePem(), ct);
            using var process = Process.Start(new ProcessStartInfo(Path)
            {
                ArgumentList =
                {
                    "--verify", "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                    "--pubkey-cert-pem", pemFile, xmlFile,
                },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await Task.WhenAll(stdout, stderr);
            return process.ExitCode;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
