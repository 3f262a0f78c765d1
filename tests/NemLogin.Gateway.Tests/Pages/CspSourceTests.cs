using NemLogin.Gateway.Pages;
using Xunit;

namespace NemLogin.Gateway.Tests.Pages;

/// <summary>
/// A registered URL becomes one CSP source expression that cannot end its directive or add one (CSP injection through
/// a service provider's ACS or SLO URL).
/// </summary>
public sealed class CspSourceTests
{
    [Fact]
    public void ForUrl_PlainRegisteredUrl_Unchanged() =>
        Assert.Equal("https://sp.test/saml/acs", CspSource.ForUrl("https://sp.test/saml/acs"));

    [Fact]
    public void ForUrl_DirectiveBreakingCharacters_PercentEncodedIntoOneSource()
    {
        // CSP injection: ';' ends the directive, ',' the policy, whitespace the source, quotes make keywords.
        var source = CspSource.ForUrl("https://sp.test/acs;script-src 'unsafe-inline' https:,report-uri /x/ø\"q?a=1;b#frag");

        Assert.Equal("https://sp.test/acs%3Bscript-src%20%27unsafe-inline%27%20https:%2Creport-uri%20/x/%C3%B8%22q", source);
    }

    [Fact]
    public void ForUrl_UserInfoQueryAndFragment_Dropped()
    {
        // User info may hold ';' and quotes too; CSP matches neither it, nor query, nor fragment.
        Assert.Equal("https://sp.test/slo", CspSource.ForUrl("https://a;script-src%20*@sp.test/slo?x=1,y#z"));
    }

    [Fact]
    public void ForUrl_InternationalHostAndPort_AsciiHostAndPortKept() =>
        Assert.Equal("https://xn--bcher-kva.test:8443/acs", CspSource.ForUrl("https://BÜCHER.test:8443/acs"));

    [Fact]
    public void ForUrl_LonePercent_Encoded() =>
        Assert.Equal("https://sp.test/a%25zz", CspSource.ForUrl("https://sp.test/a%zz"));

    [Fact]
    public void ForUrl_Ipv6Host_SchemeOnly() =>
        // CSP 3 host-source cannot name an IPv6 address: the scheme alone, never a broken directive.
        Assert.Equal("https:", CspSource.ForUrl("https://[::1]/acs"));

    [Fact]
    public void ForOrigin_UserInfoWithSemicolon_SchemeHostPortOnly() =>
        Assert.Equal("https://sp.test:8443", CspSource.ForOrigin("https://x;frame-src%20*@sp.test:8443/slo;a"));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/acs")]
    public void ForUrl_NotAbsoluteHttp_Refused(string url) =>
        Assert.Throws<ArgumentException>(() => CspSource.ForUrl(url));
}
