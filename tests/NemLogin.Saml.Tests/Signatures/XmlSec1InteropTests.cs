using System.Diagnostics;
using System.Xml;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Signatures;

/// <summary>
/// An independent verifier (xmlsec1, the libxmlsec used by many SAML stacks) accepts what our writer signs. The test
/// command installs xmlsec1; when it is missing these tests fail rather than skip.
/// </summary>
public sealed class XmlSec1InteropTests
{
    private const string AssertionNode = SamlConstants.Namespaces.Assertion + ":Assertion";

    [Fact]
    public async Task XmlSec1_SignedAssertion_VerifiesWithExitCodeZero()
    {
        var document = await SignedSamples.AssertionAsync();

        var (exitCode, output) = await RunXmlSec1Async(document);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task XmlSec1_SignedAssertionInsideResponse_VerifiesWithExitCodeZero()
    {
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();

        var (exitCode, output) = await RunXmlSec1Async(document);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task XmlSec1_TamperedAfterSigning_FailsWithNonZeroExitCode()
    {
        var document = await SignedSamples.AssertionAsync();
        SamlXml.Select(document, "//saml:NameID").InnerText = "https://data.gov.dk/model/core/eid/person/uuid/00000000-0000-0000-0000-000000000000";

        var (exitCode, _) = await RunXmlSec1Async(document);

        Assert.NotEqual(0, exitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunXmlSec1Async(XmlDocument document)
    {
        var folder = Directory.CreateTempSubdirectory("xmlsec1-");
        try
        {
            var xmlPath = Path.Combine(folder.FullName, "signed.xml");
            var certificatePath = Path.Combine(folder.FullName, "cert.pem");
            await File.WriteAllTextAsync(xmlPath, document.OuterXml, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(certificatePath, SignedSamples.IdpCertificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo("xmlsec1")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { "--verify", "--id-attr:ID", AssertionNode, "--pubkey-cert-pem", certificatePath, xmlPath },
            };

            // Process.Start throws when xmlsec1 is not installed: the test fails, it does not skip.
            using var process = Process.Start(start)!;
            var output = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)
                + await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
