using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>
/// The auto-post page's Content-Security-Policy is built from the registered ACS URL; a URL that is hostile-looking but
/// valid (and so registrable) must not inject a directive (CSP injection).
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class PostBindingPageTests(AdminFixture fixture)
{
    [Fact]
    public async Task Csp_HostileRegisteredAcsUrl_FormActionIsOneEncodedSourceAndNoDirectiveAdded()
    {
        var host = $"sp-hostile-{Guid.NewGuid():N}.test";
        var acs = $"https://{host}/acs;script-src 'unsafe-inline' https:,report-uri /x/ø\"q?a=1;b";
        var sp = new TestServiceProvider($"https://{host}/saml", acs);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.RegisterAsync(sp.Metadata())).Status);
        using var browser = new TestBrowser();
        var request = sp.NewRequest(fixture.SsoUrl);

        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request));

        // The post goes to the registered URL exactly, and the SP accepts what it receives there.
        Assert.Equal(acs, outcome.FinalPage.Form().Action);
        sp.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata);
        var directives = Directives(outcome.FinalPage.ContentSecurityPolicy);
        Assert.Equal(["base-uri", "default-src", "form-action", "frame-ancestors", "script-src", "style-src"], directives.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            [$"https://{host}/acs%3Bscript-src%20%27unsafe-inline%27%20https:%2Creport-uri%20/x/%C3%B8%22q"],
            directives["form-action"]);
        Assert.Single(directives["script-src"]);
        Assert.StartsWith("'nonce-", directives["script-src"][0], StringComparison.Ordinal);
    }

    /// <summary>CSP 3, 2.2: directives split on ';', sources on whitespace; a repeated directive would be a finding itself.</summary>
    private static Dictionary<string, string[]> Directives(string? policy)
    {
        Assert.NotNull(policy);
        Assert.DoesNotContain(',', policy);
        var directives = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var directive in policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = directive.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            Assert.True(directives.TryAdd(tokens[0], tokens[1..]), $"Directive {tokens[0]} appears twice: {policy}");
        }

        return directives;
    }
}
