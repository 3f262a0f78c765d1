using NemLogin.Saml.Bindings;
using Xunit;

namespace NemLogin.Saml.Tests.Bindings;

public sealed class PostBindingTests
{
    private const string Response = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_å\"/>";

    [Fact]
    public void EncodeThenDecode_RoundTrip_ReturnsTheXml()
    {
        Assert.Equal(Response, PostBinding.Decode(PostBinding.Encode(Response), SamlLimits.Default));
    }

    [Fact]
    public void Decode_LineWrappedBase64_Accepted()
    {
        var wrapped = string.Join("\r\n", PostBinding.Encode(Response).Chunk(20).Select(c => new string(c)));

        Assert.Equal(Response, PostBinding.Decode(wrapped, SamlLimits.Default));
    }

    [Fact]
    public void Decode_OverEncodedLimit_RefusedWithMessageTooLarge()
    {
        var limits = SamlLimits.Default with { MaxEncodedLength = 16 };

        var exception = Assert.Throws<SamlException>(() => PostBinding.Decode(PostBinding.Encode(Response), limits));

        Assert.Equal(SamlErrorCode.MessageTooLarge, exception.Code);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("/w==")]
    public void Decode_NotBase64OrNotUtf8_RefusedWithEncodingInvalid(string value)
    {
        var exception = Assert.Throws<SamlException>(() => PostBinding.Decode(value, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.EncodingInvalid, exception.Code);
    }

    [Fact]
    public void Decode_Empty_RefusedWithMessageMissing()
    {
        var exception = Assert.Throws<SamlException>(() => PostBinding.Decode(" ", SamlLimits.Default));

        Assert.Equal(SamlErrorCode.MessageMissing, exception.Code);
    }

    [Fact]
    public void RenderAutoPostForm_ValuesWithMarkup_AreAttributeEncoded()
    {
        // Reflected XSS through RelayState or the action: every value is encoded, nothing closes the attribute.
        var html = PostBinding.RenderAutoPostForm(
            "https://sp.example.test/acs?a=1&b=\"2\"",
            [new("SAMLResponse", "PHg+"), new("RelayState", "\"><script>alert(1)</script>'")],
            scriptNonce: null);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"https://sp.example.test/acs?a=1&amp;b=&quot;2&quot;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderAutoPostForm_WithNonce_ScriptCarriesNonce()
    {
        var html = PostBinding.RenderAutoPostForm("https://sp.example.test/acs", [new("SAMLResponse", "PHg+")], "n0nce\"x");

        Assert.Contains("<script nonce=\"n0nce&quot;x\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderAutoPostForm_WithoutNonce_ScriptHasNoNonceAndNoscriptHasButton()
    {
        var html = PostBinding.RenderAutoPostForm("https://sp.example.test/acs", [new("SAMLResponse", "PHg+")], null);

        Assert.Contains("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce", html, StringComparison.Ordinal);
        Assert.Matches("<noscript>.*<button type=\"submit\">.*</noscript>", html);
        Assert.Contains("method=\"post\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3_071)]
    [InlineData(20_000)]
    public void WriteAutoPostForm_MessageField_CarriesTheBase64OfItsUtf8(int length)
    {
        // A login's Response is encoded in pieces straight into the page: any length, non-ASCII octets, pieces of 3 KB.
        var xml = "<x>" + new string('ø', length) + "</x>";
        var page = new System.Buffers.ArrayBufferWriter<byte>();

        PostBinding.WriteAutoPostForm(page, "https://sp.example.test/acs", [PostFormField.Message("SAMLResponse", xml), PostFormField.Text("RelayState", "<r>")], "n");

        var html = System.Text.Encoding.UTF8.GetString(page.WrittenSpan);
        var value = System.Text.RegularExpressions.Regex.Match(html, "name=\"SAMLResponse\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(PostBinding.Encode(xml), value);
        Assert.Equal(xml, PostBinding.Decode(value, SamlLimits.Default));
        Assert.Contains("name=\"RelayState\" value=\"&lt;r&gt;\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("/relative/acs")]
    public void RenderAutoPostForm_ActionNotHttpUrl_Throws(string action)
    {
        Assert.Throws<ArgumentException>(() => PostBinding.RenderAutoPostForm(action, [], null));
    }
}
