using NemLogin.LoadTests.Http;
using NemLogin.Saml.Bindings;
using Xunit;

namespace NemLogin.LoadTests.Tests.Http;

public sealed class HtmlFormTests
{
    [Fact]
    public void Find_BrokersAutoPostForm_ReadsActionAndDecodedFields()
    {
        var html = PostBinding.RenderAutoPostForm("https://sp.test/acs?a=1&b=2", [new("SAMLResponse", "PHg+\"&<"), new("RelayState", "r s")], "nonce");

        var form = HtmlForm.Find(new HttpPage(new Uri("http://127.0.0.1:5099/upstream/mitid/callback"), 200, null, html, html.Length))!;

        Assert.Equal(new Uri("https://sp.test/acs?a=1&b=2"), form.Action);
        Assert.Equal("post", form.Method);
        Assert.Equal("PHg+\"&<", form.Fields["SAMLResponse"]);
        Assert.Equal("r s", form.Fields["RelayState"]);
    }

    [Fact]
    public void Find_RelativeAction_IsResolvedAgainstThePage()
    {
        const string Html = "<form method=\"post\" action=\"/mitid-sim/authorize\"><input type=\"hidden\" name=\"pending\" value=\"p1\"><input type=\"text\" name=\"username\"></form>";

        var form = HtmlForm.Find(new HttpPage(new Uri("http://127.0.0.1:5099/mitid-sim/authorize?x=1"), 200, null, Html, Html.Length))!;

        Assert.Equal(new Uri("http://127.0.0.1:5099/mitid-sim/authorize"), form.Action);
        Assert.Equal(["pending"], form.Fields.Keys);
    }

    [Fact]
    public void Find_PageWithoutForm_IsNull()
    {
        Assert.Null(HtmlForm.Find(new HttpPage(new Uri("http://x/"), 400, null, "<p data-error-code=\"saml.12.IssuerUnknown\">no</p>", 10)));
    }

    [Fact]
    public void Describe_ErrorPage_NamesStatusAndCode()
    {
        var page = new HttpPage(new Uri("http://x/"), 400, null, "<p data-error-code=\"saml.12.IssuerUnknown\">no</p>", 10);

        Assert.Equal("400 saml.12.IssuerUnknown", page.Describe());
    }
}
