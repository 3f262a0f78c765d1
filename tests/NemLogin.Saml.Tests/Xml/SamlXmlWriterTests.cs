using System.Security.Cryptography;
using System.Text;
using System.Xml;
using NemLogin.Saml.Encryption;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Messages;
using NemLogin.Saml.Tests.Support;
using NemLogin.Saml.Validation;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Saml.Tests.Xml;

/// <summary>
/// The text writer that every login's Response goes through: the canonical form it keeps must be, octet for octet, what
/// Exclusive XML Canonicalization (the .NET reference transform, as a verifier runs it) makes of the text it wrote —
/// otherwise a signature over it would not verify at a service provider.
/// </summary>
public sealed class SamlXmlWriterTests
{
    private const string A = SamlConstants.Namespaces.Assertion;
    private const string P = SamlConstants.Namespaces.Protocol;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    // Every character canonical XML escapes in text or attributes, the ones it leaves alone, non-ASCII and a surrogate pair.
    private const string Awkward = "Åse & <Ø> \"quoted\" 'single' tab\there\nnew\r\nline ]]> 😀 æøå";

    public static TheoryData<string> Values => ["plain", Awkward, string.Empty, "   leading and trailing   ", "a\rb"];

    [Theory]
    [MemberData(nameof(Values))]
    public void AssertionCanonicalForm_EqualsReferenceExclusiveC14NOfTheWrittenText(string value)
    {
        var writer = new SamlXmlWriter();
        var (id, _) = AssertionWriter.Write(writer, AwkwardAssertion(value));
        var canonical = writer.TakeCanonical();

        var parsed = Parse(writer.ToString());

        Assert.Equal(id, parsed.DocumentElement!.GetAttribute("ID"));
        Assert.Equal(Reference(parsed.DocumentElement), canonical);
        Assert.Equal(value, SamlXml.Select(parsed, "//saml:Attribute[@Name='urn:test:awkward']/saml:AttributeValue").InnerText);
    }

    [Fact]
    public void PooledBuffers_ReusedAfterALongerMessage_NothingOfItLeftInTheNext()
    {
        // The buffers go back to TextBuffers on Dispose: a writer renting them next must start from nothing.
        string first, second, secondCanonical;
        using (var longer = new SamlXmlWriter())
        {
            AssertionWriter.Write(longer, AwkwardAssertion(string.Concat(Enumerable.Repeat(Awkward, 200))) with { Id = "_long" });
            longer.TakeCanonical();
            first = longer.ToString();
        }

        using (var shorter = new SamlXmlWriter())
        {
            AssertionWriter.Write(shorter, AwkwardAssertion("plain") with { Id = "_short" });
            secondCanonical = shorter.TakeCanonical();
            second = shorter.ToString();
        }

        var parsed = Parse(second);
        Assert.Equal("_short", parsed.DocumentElement!.GetAttribute("ID"));
        Assert.Equal(Reference(parsed.DocumentElement), secondCanonical);
        Assert.True(second.Length < first.Length / 10);
    }

    [Fact]
    public void Dispose_ThenToString_Refused()
    {
        var writer = new SamlXmlWriter();
        writer.TextElement("saml", "Issuer", A, "https://idp.test");

        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.ToString());
        Assert.Throws<ObjectDisposedException>(() => writer.ToUtf8());
    }

    [Fact]
    public void TextBuffers_RentedTwiceWithoutReturn_TwoBuilders()
    {
        var one = TextBuffers.Rent(16);
        var two = TextBuffers.Rent(16);
        one.Append("one");

        Assert.NotSame(one, two);
        Assert.Equal(0, two.Length);
        TextBuffers.Return(one);
        TextBuffers.Return(two);
    }

    [Fact]
    public void TextBuffers_BuilderThatGrewInChunks_NotKept()
    {
        // Clearing it would allocate its whole capacity again; a fresh one is rented instead.
        var grown = new System.Text.StringBuilder(16);
        for (var i = 0; i < 100; i++)
        {
            grown.Append("0123456789");
        }

        TextBuffers.Return(grown);

        for (var i = 0; i < 64; i++)
        {
            Assert.NotSame(grown, TextBuffers.Rent(16));
        }
    }

    [Fact]
    public void Insert_IntoALongText_RightTextAndTheBufferReusedAfterDispose()
    {
        // Where a signature goes: in the middle of a long text. StringBuilder.Insert would split the buffer into chunks,
        // which TextBuffers cannot take back, so every message would rent a new one (the largest size: no other test here).
        var body = new string('x', 60_000);
        string WriteWithInsert()
        {
            using var writer = new SamlXmlWriter(100_000);
            writer.Start("t", "root", "urn:test").TextElement("t", "head", "urn:test", "h");
            var index = writer.Length;
            writer.TextElement("t", "tail", "urn:test", body).End();
            writer.Insert(index, "<t:signature/>");
            return writer.ToString();
        }

        var first = WriteWithInsert();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var second = WriteWithInsert();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(first, second);
        Assert.StartsWith("<t:root xmlns:t=\"urn:test\"><t:head>h</t:head><t:signature/><t:tail>xxx", first, StringComparison.Ordinal);
        Assert.EndsWith("xxx</t:tail></t:root>", first, StringComparison.Ordinal);
        // The result string alone is 120 KB; a new buffer of this size would add 256 KB.
        Assert.True(allocated < 200_000, $"{allocated} bytes allocated: the buffer was not reused");
    }

    [Fact]
    public void TextBuffers_SmallRequests_LeaveTheLargeBuilderForTheLargeRequest()
    {
        // The largest size (no other test here writes that much): a small rent must not take it.
        var large = TextBuffers.Rent(100_000);
        Assert.True(large.Capacity >= 100_000);
        TextBuffers.Return(large);

        for (var i = 0; i < 64; i++)
        {
            var small = TextBuffers.Rent(16);
            Assert.NotSame(large, small);
            Assert.True(small.Capacity < 100_000);
        }

        Assert.Same(large, TextBuffers.Rent(100_000));
    }

    [Fact]
    public void CanonicalDigestAndUtf8_AcrossBufferChunks_MatchTheReference()
    {
        // Long enough that the writer's buffer holds it in several chunks, and surrogate pairs may straddle a chunk's end.
        var value = string.Concat(Enumerable.Repeat("😀æ&<", 3_000));
        var writer = new SamlXmlWriter(64);
        AssertionWriter.Write(writer, AwkwardAssertion(value) with { Id = "_fixed" });

        var digest = writer.TakeCanonicalSha256();

        var parsed = Parse(writer.ToString());
        Assert.Equal(SHA256.HashData(ExclusiveCanonicalizer.Canonicalize(parsed.DocumentElement!)), digest);
        Assert.Equal(Encoding.UTF8.GetBytes(writer.ToString()), writer.ToUtf8());
    }

    [Fact]
    public void CanonicalApexBelowTheRoot_RendersTheNamespacesTheRootDeclared()
    {
        // The unencrypted Response: the Response declares saml, the Assertion inside is the element signed.
        var writer = new SamlXmlWriter();
        writer.Start("samlp", "Response", P).Declare("saml", A).Attribute("ID", "_r");
        writer.TextElement("saml", "Issuer", A, "https://broker.test");
        AssertionWriter.Write(writer, AwkwardAssertion(Awkward));
        writer.End();
        var canonical = writer.TakeCanonical();

        var parsed = Parse(writer.ToString());
        var assertion = (XmlElement)parsed.GetElementsByTagName("Assertion", A)[0]!;

        Assert.StartsWith($"<saml:Assertion xmlns:saml=\"{A}\" ", canonical, StringComparison.Ordinal);
        Assert.Equal(Reference(assertion), canonical);
    }

    [Fact]
    public void RootDeclarationUsedOnlyByChildren_RenderedOnEachChildInCanonicalForm()
    {
        // A signed Response: saml is declared on samlp:Response, which does not use it visibly (Exclusive C14N §3).
        var writer = new SamlXmlWriter();
        writer.BeginCanonical();
        writer.Start("samlp", "Response", P).Declare("saml", A).Attribute("ID", "_r").Attribute("InResponseTo", null);
        writer.TextElement("saml", "Issuer", A, "https://broker.test");
        writer.Start("samlp", "Status", P).Start("samlp", "StatusCode", P).Attribute("Value", "urn:x").End().End();
        writer.Start("saml", "EncryptedAssertion", A)
            .Start("xenc", "EncryptedData", SamlConstants.Namespaces.XmlEnc).Attribute("Type", "t")
            .Start("ds", "KeyInfo", SamlConstants.Namespaces.XmlDsig).Start("xenc11", "MGF", SamlConstants.Namespaces.XmlEnc11).End().End()
            .End().End();
        writer.End();
        var canonical = writer.TakeCanonical();

        var parsed = Parse(writer.ToString());

        Assert.Equal(Reference(parsed.DocumentElement!), canonical);
        Assert.DoesNotContain("InResponseTo", canonical, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(canonical, $"xmlns:saml=\"{A}\""));
        Assert.Equal(1, CountOf(writer.ToString(), $"xmlns:saml=\"{A}\""));
    }

    [Theory]
    [InlineData(0x0001, "")]
    [InlineData(0x001F, "")]
    [InlineData(0xFFFE, "")]
    [InlineData(0xD800, " after a lone high surrogate")]
    [InlineData(0xDC00, " after a lone low surrogate")]
    public void CharacterOutsideXml_Refused(int code, string rest)
    {
        // Built here: a lone surrogate does not survive the test framework's serialization of theory data.
        var value = "value " + (char)code + rest;
        // XML 1.0 §2.2: such a value cannot be carried at all; writing it would make XML no service provider can parse.
        var writer = new SamlXmlWriter();
        writer.Start("saml", "Issuer", A);

        Assert.Throws<ArgumentException>(() => writer.Text(value));
        Assert.Throws<ArgumentException>(() => new SamlXmlWriter().Start("saml", "Issuer", A).Attribute("Format", value).End());
    }

    [Fact]
    public async Task AwkwardAttributeValues_SignedResponseAndDecryptedAssertionVerify()
    {
        var xml = await ResponseXml.WriteSuccessAsync(
            "_response-awkward", AwkwardAssertion(Awkward), TestParties.GcmTarget, TestParties.IdpSigner, signResponse: true,
            TestContext.Current.CancellationToken);

        var response = SafeXml.Load(xml, SamlLimits.Default).DocumentElement!;
        XmlSignatureVerifier.Verify(response, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
        var encryptedData = (XmlElement)response.GetElementsByTagName("EncryptedData", SamlConstants.Namespaces.XmlEnc)[0]!;
        var assertion = XmlEncryption.Decrypt(encryptedData, [TestParties.SpEncryption], SamlLimits.Default);

        XmlSignatureVerifier.Verify(assertion, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
        Assert.Equal(Awkward, SamlXml.Select(assertion.OwnerDocument, "//saml:Attribute[@Name='urn:test:awkward']/saml:AttributeValue").InnerText);
    }

    [Fact]
    public async Task AwkwardAttributeValues_AssertionVerifiesWithXmlsec1()
    {
        // The decrypted assertion reaches xmlsec1 re-serialized by the DOM, which writes a carriage return in text raw
        // (a parser then reads it as a line feed), so this value leaves CR out; the test above covers it.
        var value = Awkward.Replace("\r", string.Empty, StringComparison.Ordinal);
        var ct = TestContext.Current.CancellationToken;
        var xml = await ResponseXml.WriteSuccessAsync("_response-awkward", AwkwardAssertion(value), TestParties.CbcTarget, TestParties.IdpSigner, false, ct);
        var assertion = ResponseValidator.DecryptAssertionUnvalidated(xml, [TestParties.SpEncryption], SamlLimits.Default);

        Assert.SkipUnless(Xmlsec1.IsInstalled, "xmlsec1 is not installed (apt-get install xmlsec1).");
        Assert.Equal(0, await Xmlsec1.VerifyAssertionAsync(assertion, TestParties.PublicOnly(TestParties.Idp), ct));
    }

    [Fact]
    public async Task UnencryptedResponse_AssertionSignatureAfterIssuerVerifies()
    {
        var xml = await ResponseXml.WriteSuccessUnencryptedAsync(
            "_response-plain", AwkwardAssertion(Awkward), TestParties.IdpSigner, TestContext.Current.CancellationToken);

        var assertion = (XmlElement)SafeXml.Load(xml, SamlLimits.Default).GetElementsByTagName("Assertion", A)[0]!;

        Assert.Equal(["Issuer", "Signature", "Subject"], assertion.ChildNodes.OfType<XmlElement>().Take(3).Select(e => e.LocalName));
        XmlSignatureVerifier.Verify(assertion, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
    }

    private static AssertionDescriptor AwkwardAssertion(string value) => TestParties.Assertion(Now) with
    {
        NameId = "https://data.gov.dk/model/core/eid/person/uuid/" + value.Length,
        SessionIndex = "_s&<\"1",
        Attributes =
        [
            new SamlAttribute("urn:test:awkward", [value]),
            new SamlAttribute("urn:test:two&\"values\"", ["first", value]),
        ],
    };

    private static XmlDocument Parse(string xml) => SafeXml.Load(xml, SamlLimits.Default);

    private static string Reference(XmlElement element) => Encoding.UTF8.GetString(ExclusiveCanonicalizer.Canonicalize(element));

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
