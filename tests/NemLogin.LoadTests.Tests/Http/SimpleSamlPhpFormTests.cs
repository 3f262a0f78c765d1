using NemLogin.LoadTests.Http;
using Xunit;

namespace NemLogin.LoadTests.Tests.Http;

/// <summary>The two SimpleSAMLphp 1.19 pages the saml-login-ssp scenario reads, in the shape its templates write them.</summary>
public sealed class SimpleSamlPhpFormTests
{
    private static readonly Uri LoginPage = new("http://127.0.0.1:5098/module.php/core/loginuserpass.php?AuthState=_s%3Ahttp");

    [Fact]
    public void Find_LoginFormPostingToQuestionMark_PostsToTheSamePathWithoutTheQuery()
    {
        const string Html = """
            <form action="?" method="post" name="f">
              <input id="username" type="text" tabindex="1" name="username" value="" />
              <input id="password" type="password" tabindex="2" name="password" autocomplete="current-password" />
              <input type="hidden" id="processing_trans" value="Processing..." />
              <input type="hidden" name="AuthState" value="_0f1e:http://127.0.0.1:5098/saml2/idp/SSOService.php?spentityid=https%3A%2F%2Fsp&amp;cookieTime=1" />
            </form>
            """;

        var form = HtmlForm.Find(new HttpPage(LoginPage, 200, null, Html, Html.Length))!;

        Assert.Equal("/module.php/core/loginuserpass.php", form.Action.AbsolutePath);
        Assert.DoesNotContain("AuthState", form.Action.Query, StringComparison.Ordinal);
        Assert.Equal("post", form.Method);
        // The state travels HTML-decoded, or SimpleSAMLphp cannot find the login it belongs to.
        Assert.Equal("_0f1e:http://127.0.0.1:5098/saml2/idp/SSOService.php?spentityid=https%3A%2F%2Fsp&cookieTime=1", form.Fields["AuthState"]);
        Assert.Equal(["AuthState"], form.Fields.Keys);
    }

    [Fact]
    public void Find_AutoPostPageWithSubmitButtonFirst_ReadsTheSamlResponse()
    {
        const string Html = """
            <body onload="document.getElementsByTagName('input')[0].click();">
            <form method="post" action="https://load-sp.nemlogin.test/load-sp-001/saml/acs">
              <input type="submit" id="postLoginSubmitButton"/>
              <input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlLz4=" />
            </form>
            </body>
            """;

        var form = HtmlForm.Find(new HttpPage(LoginPage, 200, null, Html, Html.Length))!;

        Assert.Equal(new Uri("https://load-sp.nemlogin.test/load-sp-001/saml/acs"), form.Action);
        Assert.Equal("PHNhbWxwOlJlc3BvbnNlLz4=", form.Fields["SAMLResponse"]);
    }
}
