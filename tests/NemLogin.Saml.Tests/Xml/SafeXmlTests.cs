using System.Text;
using System.Xml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Support;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Saml.Tests.Xml;

public sealed class SafeXmlTests
{
    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        ]>
        <samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x">&lol4;</samlp:AuthnRequest>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <r>&xxe;</r>
        """;

    [Fact]
    public void Load_WellFormed_KeepsWhitespace()
    {
        var document = SafeXml.Load("<a>\n  <b> x </b>\n</a>", SamlLimits.Default);

        Assert.Equal("<a>\n  <b> x </b>\n</a>", document.OuterXml);
    }

    [Fact]
    public void Load_BillionLaughsEntityExpansion_RefusedWithXmlDtdProhibited()
    {
        var exception = Assert.Throws<SamlException>(() => SafeXml.Load(BillionLaughs, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.XmlDtdProhibited, exception.Code);
    }

    [Fact]
    public void Load_ExternalEntityXxe_RefusedWithXmlDtdProhibited()
    {
        var exception = Assert.Throws<SamlException>(() => SafeXml.Load(ExternalEntity, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.XmlDtdProhibited, exception.Code);
    }

    [Fact]
    public void Load_DoctypeWithoutEntities_RefusedWithXmlDtdProhibited()
    {
        var exception = Assert.Throws<SamlException>(() => SafeXml.Load("<!DOCTYPE r><r/>", SamlLimits.Default));

        Assert.Equal(SamlErrorCode.XmlDtdProhibited, exception.Code);
    }

    [Fact]
    public void Load_NestedDeeperThanLimit_RefusedWithXmlTooDeep()
    {
        var limits = SamlLimits.Default with { MaxXmlDepth = 5 };

        var exception = Assert.Throws<SamlException>(() => SafeXml.Load(Nested(6), limits));

        Assert.Equal(SamlErrorCode.XmlTooDeep, exception.Code);
    }

    [Fact]
    public void Load_NestedExactlyAtLimit_Accepted()
    {
        var limits = SamlLimits.Default with { MaxXmlDepth = 5 };

        var document = SafeXml.Load(Nested(5), limits);

        Assert.Single(document.GetElementsByTagName("e").Cast<XmlNode>());
    }

    [Fact]
    public void Load_NestingAttackWithinSizeCap_RefusedBeforeTheTreeGrows()
    {
        // Resource exhaustion by nesting: 60,000 open elements fit in the default 256 K characters. The parse must stop at
        // the depth cap, not build 60,000 elements (several MB of DOM) and check afterwards.
        var xml = string.Concat(Enumerable.Repeat("<d>", 60_000));
        SafeXml.Load("<warm-up/>", SamlLimits.Default);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var exception = Assert.Throws<SamlException>(() => SafeXml.Load(xml, SamlLimits.Default));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(SamlErrorCode.XmlTooDeep, exception.Code);
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated to refuse it");
    }

    [Fact]
    public void Load_EveryKindOfNode_SameTreeAsThePlainParser()
    {
        // The depth cap reads through to the parser: whitespace, comments, PIs, CDATA, character references, namespaces
        // and attribute order must come out as XmlDocument builds them, or signatures over them would not verify.
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- before -->\n<p:r xmlns:p=\"urn:p\" xmlns=\"urn:d\" b=\"2\" a=\"x &amp; &#x41;\">\r\n"
            + "  <c xml:space=\"preserve\">  t <![CDATA[<raw>]]> &lt;&gt; </c><?pi data?><!-- in --><e/>\t<p:f p:g=\"h\"/>\n</p:r>\n<!-- after -->";
        var plain = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            plain.Load(reader);
        }

        var loaded = SafeXml.Load(xml, SamlLimits.Default);

        Assert.Equal(plain.OuterXml, loaded.OuterXml);
        Assert.Equal(plain.ChildNodes.Count, loaded.ChildNodes.Count);
    }

    [Theory]
    [InlineData("<a><b></a>")]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<a/><b/>")]
    [InlineData("<p:a/>")]
    public void Load_NotWellFormed_RefusedWithXmlMalformed(string xml)
    {
        var exception = Assert.Throws<SamlException>(() => SafeXml.Load(xml, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.XmlMalformed, exception.Code);
    }

    [Fact]
    public void Load_MoreCharactersThanLimit_RefusedWithMessageTooLarge()
    {
        var limits = SamlLimits.Default with { MaxXmlCharacters = 100 };
        var xml = "<a>" + new string('x', 100) + "</a>";

        var exception = Assert.Throws<SamlException>(() => SafeXml.Load(xml, limits));

        Assert.Equal(SamlErrorCode.MessageTooLarge, exception.Code);
    }

    [Theory]
    [InlineData("ID", "ID")]
    [InlineData("ID", "Id")]
    [InlineData("ID", "id")]
    [InlineData("Id", "iD")]
    public void EnsureUniqueIds_SameValueOnTwoElements_RefusedWithDuplicateId(string first, string second)
    {
        var document = SafeXml.Load($"<a {first}=\"_1\"><b {second}=\"_1\"/></a>", SamlLimits.Default);

        var exception = Assert.Throws<SamlException>(() => SafeXml.EnsureUniqueIds(document));

        Assert.Equal(SamlErrorCode.DuplicateId, exception.Code);
    }

    [Fact]
    public void EnsureUniqueIds_ValueDifferingOnlyByWhitespace_RefusedWithDuplicateId()
    {
        var document = SafeXml.Load("<a ID=\"_1\"><b ID=\" _1 \"/></a>", SamlLimits.Default);

        var exception = Assert.Throws<SamlException>(() => SafeXml.EnsureUniqueIds(document));

        Assert.Equal(SamlErrorCode.DuplicateId, exception.Code);
    }

    [Fact]
    public void EnsureUniqueIds_DistinctValues_Accepted()
    {
        var document = SafeXml.Load("<a ID=\"_1\"><b ID=\"_2\" Other=\"_1\"/></a>", SamlLimits.Default);

        SafeXml.EnsureUniqueIds(document);
    }

    [Theory]
    [InlineData("<NameID>user@example.test<!-- -->.evil.test</NameID>")]
    [InlineData("<NameID>user@example.test<?pi x?>.evil.test</NameID>")]
    [InlineData("<NameID>user@example.test<b/>.evil.test</NameID>")]
    public void ReadIdentityText_CommentPiOrElementInside_RefusedWithCommentInIdentityValue(string xml)
    {
        var document = SafeXml.Load(xml, SamlLimits.Default);

        var exception = Assert.Throws<SamlException>(() => SafeXml.ReadIdentityText(document.DocumentElement!));

        Assert.Equal(SamlErrorCode.CommentInIdentityValue, exception.Code);
    }

    [Fact]
    public void ReadIdentityText_TextAndCdata_ReturnsConcatenatedText()
    {
        var document = SafeXml.Load("<NameID>user@<![CDATA[example]]>.test</NameID>", SamlLimits.Default);

        Assert.Equal("user@example.test", SafeXml.ReadIdentityText(document.DocumentElement!));
    }

    [Fact]
    public async Task ReadIdentityText_CommentInsertedIntoSignedNameId_SignatureStillHoldsSoReaderMustRefuse()
    {
        // Comment truncation (CVE-2017-11427 class): exc-c14n drops comments, so the signature alone cannot catch it.
        var document = await SignedSamples.AssertionAsync();
        var nameId = SamlXml.Select(document, "//saml:NameID");
        var text = nameId.InnerText;
        nameId.InnerText = string.Empty;
        nameId.AppendChild(document.CreateTextNode(text[..20]));
        nameId.AppendChild(document.CreateComment("x"));
        nameId.AppendChild(document.CreateTextNode(text[20..]));
        var received = SamlXml.Reparse(document);

        XmlSignatureVerifier.Verify(received.DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
        var exception = Assert.Throws<SamlException>(() => SafeXml.ReadIdentityText(SamlXml.Select(received, "//saml:NameID")));

        Assert.Equal(SamlErrorCode.CommentInIdentityValue, exception.Code);
    }

    private static string Nested(int depth)
    {
        var xml = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            xml.Append(i == depth - 1 ? "<e>" : "<d>");
        }

        for (var i = depth - 1; i >= 0; i--)
        {
            xml.Append(i == depth - 1 ? "</e>" : "</d>");
        }

        return xml.ToString();
    }
}
