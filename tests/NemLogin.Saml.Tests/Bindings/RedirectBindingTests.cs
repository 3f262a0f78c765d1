using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Bindings;

public sealed class RedirectBindingTests
{
    private const string Request = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r1\" Version=\"2.0\"/>";
    private const string Destination = "https://idp.example.test/saml/sso";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BuildThenDecodeAndVerify_RoundTrip_ReturnsMessageRelayStateAndSigner(bool usePss)
    {
        var url = await RedirectBinding.BuildUrlAsync(
            Destination, "SAMLRequest", Request, "state/+ å=&", new RsaSamlSigner(SignedSamples.IdpCertificate, usePss), TestContext.Current.CancellationToken);

        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);
        var verifiedBy = RedirectBinding.VerifySignature(message, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);

        Assert.Equal(("SAMLRequest", Request, "state/+ å=&"), (message.ParameterName, message.Xml, message.RelayState));
        Assert.Equal(SignedSamples.IdpCertificate.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public async Task BuildUrl_DestinationWithQuery_AppendsWithAmpersand()
    {
        var url = await RedirectBinding.BuildUrlAsync(
            Destination + "?tenant=a", "SAMLResponse", Request, null, new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken);

        Assert.StartsWith(Destination + "?tenant=a&SAMLResponse=", url, StringComparison.Ordinal);
        Assert.Equal("SAMLResponse", RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default).ParameterName);
    }

    [Fact]
    public async Task BuildUrl_RelayStateOver80Bytes_Throws()
    {
        // 27 three-byte characters: 81 UTF-8 bytes although only 27 characters (SAML Bindings 3.4.3 counts bytes).
        await Assert.ThrowsAsync<ArgumentException>(() => RedirectBinding.BuildUrlAsync(
            Destination, "SAMLRequest", Request, new string('\u20ac', 27), new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void VerifySignature_SignerEncodedDifferently_VerifiesOverOctetsAsReceived()
    {
        // SAML Bindings 3.4.4.1: the octets as received are verified. This signer uses lower-case hex and leaves '/' unencoded;
        // a verifier that re-encoded the values would get other octets and fail.
        var encoded = Uri.EscapeDataString(Convert.ToBase64String(Compress(Request))).Replace("%2B", "%2b", StringComparison.Ordinal);
        var octets = $"SAMLRequest={encoded}&RelayState=a/b%2fc&SigAlg={Uri.EscapeDataString(SamlConstants.Algorithms.RsaSha256).Replace("%3A", "%3a", StringComparison.Ordinal)}";
        var signature = SignedSamples.IdpCertificate.GetRSAPrivateKey()!.SignData(Encoding.ASCII.GetBytes(octets), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var query = $"?{octets}&Signature={Uri.EscapeDataString(Convert.ToBase64String(signature))}";

        var message = RedirectBinding.Decode(query, SamlLimits.Default);

        RedirectBinding.VerifySignature(message, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
        Assert.Equal(Encoding.ASCII.GetBytes(octets), message.SignedOctets);
    }

    [Fact]
    public async Task VerifySignature_RelayStateChangedAfterSigning_RefusedWithSignatureInvalid()
    {
        var url = await BuildAsync("original");
        var tampered = new Uri(url).Query.Replace("RelayState=original", "RelayState=changed", StringComparison.Ordinal);

        var message = RedirectBinding.Decode(tampered, SamlLimits.Default);

        AssertVerifyRefused(SamlErrorCode.SignatureInvalid, message);
    }

    [Fact]
    public async Task VerifySignature_UnknownParameterAdded_StillVerifies()
    {
        var url = await BuildAsync("s");

        var message = RedirectBinding.Decode(new Uri(url).Query + "&utm_source=x", SamlLimits.Default);

        RedirectBinding.VerifySignature(message, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
    }

    [Fact]
    public async Task VerifySignature_UntrustedSigner_RefusedWithSignatureInvalid()
    {
        using var attacker = TestCertificates.CreateRsa("attacker.example.test");
        var url = await RedirectBinding.BuildUrlAsync(
            Destination, "SAMLRequest", Request, null, new RsaSamlSigner(attacker), TestContext.Current.CancellationToken);

        AssertVerifyRefused(SamlErrorCode.SignatureInvalid, RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default));
    }

    [Fact]
    public async Task VerifySignature_SignatureRemoved_RefusedWithSignatureMissing()
    {
        var url = await BuildAsync(null);
        var unsigned = new Uri(url).Query.Split("&Signature=")[0];

        AssertVerifyRefused(SamlErrorCode.SignatureMissing, RedirectBinding.Decode(unsigned, SamlLimits.Default));
    }

    [Fact]
    public void VerifySignature_RsaSha1SigAlg_RefusedWithSignatureAlgorithmNotAllowed()
    {
        var octets = $"SAMLRequest={Uri.EscapeDataString(Convert.ToBase64String(Compress(Request)))}&SigAlg={Uri.EscapeDataString(SamlConstants.Algorithms.RsaSha1)}";
        var signature = SignedSamples.IdpCertificate.GetRSAPrivateKey()!.SignData(Encoding.ASCII.GetBytes(octets), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        var message = RedirectBinding.Decode($"{octets}&Signature={Uri.EscapeDataString(Convert.ToBase64String(signature))}", SamlLimits.Default);

        AssertVerifyRefused(SamlErrorCode.SignatureAlgorithmNotAllowed, message);
    }

    [Fact]
    public async Task VerifySignature_TrustedCertificateExpired_RefusedWithSignatureCertificateExpired()
    {
        var now = SignedSamples.Now;
        using var expired = TestCertificates.CreateRsa("idp.example.test", notBefore: now.AddDays(-3), notAfter: now.AddDays(-1));
        var url = await RedirectBinding.BuildUrlAsync(
            Destination, "SAMLRequest", Request, null, new RsaSamlSigner(expired), TestContext.Current.CancellationToken);
        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);

        var exception = Assert.Throws<SamlException>(() => RedirectBinding.VerifySignature(message, [expired], SignaturePolicy.Default, now));

        Assert.Equal(SamlErrorCode.SignatureCertificateExpired, exception.Code);
    }

    [Fact]
    public async Task VerifySignature_RegisteredRsa1024Key_RefusedWithSignatureKeyTooSmall()
    {
        // Weak keys: the query signature of an SP whose registered key is below RSA-2048 proves nothing.
        using var weak = TestCertificates.CreateRsa("weak.example.test", bits: 1024);
        var url = await RedirectBinding.BuildUrlAsync(
            Destination, "SAMLRequest", Request, null, new RsaSamlSigner(weak), TestContext.Current.CancellationToken);
        var message = RedirectBinding.Decode(new Uri(url).Query, SamlLimits.Default);

        var exception = Assert.Throws<SamlException>(() => RedirectBinding.VerifySignature(
            message, [X509CertificateLoader.LoadCertificate(weak.RawData)], SignaturePolicy.Default, SignedSamples.Now));

        Assert.Equal(SamlErrorCode.SignatureKeyTooSmall, exception.Code);
    }

    [Fact]
    public void Decode_DeflateBombOfTenMegabytes_RefusedWithInflateTooLargeWithoutInflatingIt()
    {
        var bomb = Compress(new byte[10 * 1024 * 1024]);
        var query = "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(bomb));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(query, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.InflateTooLarge, exception.Code);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2 * 1024 * 1024, "Decoding allocated as if it inflated the bomb.");
    }

    [Fact]
    public void Decode_RelayStateOf81Bytes_RefusedWithRelayStateTooLong()
    {
        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(Query(relayState: new string('r', 81)), SamlLimits.Default));

        Assert.Equal(SamlErrorCode.RelayStateTooLong, exception.Code);
    }

    [Fact]
    public void Decode_RelayStateOf80Bytes_Accepted()
    {
        var message = RedirectBinding.Decode(Query(relayState: new string('r', 80)), SamlLimits.Default);

        Assert.Equal(80, message.RelayState!.Length);
    }

    [Fact]
    public void Decode_EncodedMessageOverLimit_RefusedWithMessageTooLarge()
    {
        var limits = SamlLimits.Default with { MaxEncodedLength = 64 };
        var query = "SAMLRequest=" + new string('A', 65);

        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(query, limits));

        Assert.Equal(SamlErrorCode.MessageTooLarge, exception.Code);
    }

    [Fact]
    public void Decode_WholeQueryFarOverLimit_RefusedWithMessageTooLarge()
    {
        var query = Query() + "&padding=" + new string('x', SamlLimits.Default.MaxEncodedLength + 8192);

        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(query, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.MessageTooLarge, exception.Code);
    }

    [Theory]
    [InlineData("SAMLRequest=%%%")]
    [InlineData("SAMLRequest=bm90IGRlZmxhdGU%3D")]
    [InlineData("SAMLRequest=AAA&SAMLResponse=AAA")]
    public void Decode_BadBase64DeflateOrBothMessages_RefusedWithEncodingInvalid(string query)
    {
        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(query, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.EncodingInvalid, exception.Code);
    }

    [Theory]
    [InlineData("&RelayState=x")]
    [InlineData("&SAMLRequest=x")]
    [InlineData("&SAML%52equest=x")]
    [InlineData("&SigAlg=x&SigAlg=y")]
    public void Decode_ParameterGivenTwiceOrEncodedName_RefusedWithEncodingInvalid(string extra)
    {
        // Parameter pollution: two parsers (ours and the web framework's) must never see two different messages.
        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(Query(relayState: "a") + extra, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.EncodingInvalid, exception.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?RelayState=x")]
    [InlineData("SAMLRequest=")]
    public void Decode_NoMessage_RefusedWithMessageMissing(string query)
    {
        var exception = Assert.Throws<SamlException>(() => RedirectBinding.Decode(query, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.MessageMissing, exception.Code);
    }

    private static Task<string> BuildAsync(string? relayState) => RedirectBinding.BuildUrlAsync(
        Destination, "SAMLRequest", Request, relayState, new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken);

    private static string Query(string? relayState = null) =>
        "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(Compress(Request)))
        + (relayState is null ? string.Empty : "&RelayState=" + Uri.EscapeDataString(relayState));

    private static byte[] Compress(string xml) => Compress(Encoding.UTF8.GetBytes(xml));

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflater = new DeflateStream(output, CompressionLevel.SmallestSize))
        {
            deflater.Write(data);
        }

        return output.ToArray();
    }

    private static void AssertVerifyRefused(SamlErrorCode expected, RedirectMessage message)
    {
        var exception = Assert.Throws<SamlException>(
            () => RedirectBinding.VerifySignature(message, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now));
        Assert.Equal(expected, exception.Code);
    }
}
