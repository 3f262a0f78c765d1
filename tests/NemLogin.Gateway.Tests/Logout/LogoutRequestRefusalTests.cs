using System.IO.Compression;
using System.Net;
using System.Text;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signing;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// LogoutRequests the broker must refuse with an error page and a stable code: nothing is posted anywhere and the session
/// they aim at stays alive.
/// </summary>
public sealed class LogoutRequestRefusalTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task LogoutRequest_Unsigned_RefusedSessionKept()
    {
        // Attack class: signature exclusion (an unsigned LogoutRequest would let anyone end anyone's session).
        var (browser, a) = await LoggedInAsync();
        var url = await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a));

        await AssertRefusedAsync(browser, url[..url.IndexOf("&SigAlg=", StringComparison.Ordinal)], SamlErrorCode.SignatureMissing);
    }

    [Fact]
    public async Task LogoutRequest_PostedUnsigned_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();
        var form = new Dictionary<string, string> { ["SAMLRequest"] = PostBinding.Encode(LogoutRequestXml.Write(broker.A.NewLogoutRequest(broker, a))) };

        await AssertPostRefusedAsync(browser, form, SamlErrorCode.SignatureMissing);
    }

    [Fact]
    public async Task LogoutRequest_SignedByUnregisteredKey_RefusedSessionKept()
    {
        // Attack class: keys only from registered metadata (an impostor signs as SP A with its own key).
        var (browser, a) = await LoggedInAsync();
        var impostor = new SloServiceProvider("slo-a", SamlConstants.Bindings.HttpRedirect);

        await AssertRefusedAsync(browser, await impostor.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a)), SamlErrorCode.SignatureInvalid);
    }

    [Fact]
    public async Task LogoutRequest_TamperedAfterSigning_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();
        var url = await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a), "original");

        await AssertRefusedAsync(browser, url.Replace("RelayState=original", "RelayState=evil", StringComparison.Ordinal), SamlErrorCode.SignatureInvalid);
    }

    [Fact]
    public async Task LogoutRequest_UnknownIssuer_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();
        var stranger = new SloServiceProvider("stranger", SamlConstants.Bindings.HttpRedirect);
        var request = stranger.NewLogoutRequest(broker, a);

        await AssertRefusedAsync(browser, await stranger.RedirectUrlAsync(broker, request), SamlErrorCode.IssuerUnknown);
    }

    [Fact]
    public async Task LogoutRequest_ServiceProviderWithoutSloEndpoint_RefusedSessionKept()
    {
        // SLO URLs only from the registration: an SP that registered none has nowhere the answer may go.
        using var browser = new TestBrowser();
        var d = await broker.D.LogInAsync(browser, broker);

        await AssertRefusedAsync(browser, await broker.D.RedirectUrlAsync(broker, broker.D.NewLogoutRequest(broker, d)), SamlErrorCode.SloEndpointNotRegistered, broker.D);
    }

    [Fact]
    public async Task LogoutRequest_DestinationOtherIdp_RefusedSessionKept()
    {
        // A request signed for another IdP's SLO endpoint and forwarded here.
        var (browser, a) = await LoggedInAsync();
        var request = broker.A.NewLogoutRequest(broker, a) with { Destination = "https://other-idp.test/saml/slo" };

        await AssertRefusedAsync(browser, await broker.A.RedirectUrlAsync(broker, request), SamlErrorCode.DestinationMismatch);
    }

    [Fact]
    public async Task LogoutRequest_IssuedLongAgo_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();
        var request = broker.A.NewLogoutRequest(broker, a) with { IssueInstant = DateTimeOffset.UtcNow.AddMinutes(-30) };

        await AssertRefusedAsync(browser, await broker.A.RedirectUrlAsync(broker, request), SamlErrorCode.IssueInstantInvalid);
    }

    [Fact]
    public async Task LogoutRequest_PastNotOnOrAfter_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();
        var request = broker.A.NewLogoutRequest(broker, a) with { NotOnOrAfter = DateTimeOffset.UtcNow.AddMinutes(-6) };

        await AssertRefusedAsync(browser, await broker.A.RedirectUrlAsync(broker, request), SamlErrorCode.RequestExpired);
    }

    [Fact]
    public async Task LogoutRequest_Replayed_RefusedAndNewSessionKept()
    {
        // Attack class: replay of a captured, validly signed LogoutRequest against the person's next session.
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var a = await broker.A.LogInAsync(browser, broker);
        var url = await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a));
        Assert.True((await channel.GetAsync(url)).IsRedirect);
        await broker.A.LogInAsync(browser, broker);

        await AssertRefusedAsync(browser, url, SamlErrorCode.RequestReplayed);
    }

    [Fact]
    public async Task LogoutRequest_RelayStateOver80Bytes_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();
        var url = await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a), "short");

        await AssertRefusedAsync(browser, url.Replace("RelayState=short", "RelayState=" + new string('r', 81), StringComparison.Ordinal), SamlErrorCode.RelayStateTooLong);
    }

    [Fact]
    public async Task LogoutRequest_PostedRelayStateOver80Bytes_RefusedSessionKept()
    {
        var (browser, a) = await LoggedInAsync();

        await AssertPostRefusedAsync(browser, await broker.A.PostFormAsync(broker.A.NewLogoutRequest(broker, a), new string('r', 81)), SamlErrorCode.RelayStateTooLong);
    }

    [Fact]
    public async Task LogoutRequest_PostedOversized_RefusedBeforeDecoding()
    {
        // Size cap: the encoded message is measured before any base64 or XML work.
        var (browser, _) = await LoggedInAsync();

        await AssertPostRefusedAsync(browser, new Dictionary<string, string> { ["SAMLRequest"] = new string('A', 70_000) }, SamlErrorCode.MessageTooLarge);
    }

    [Fact]
    public async Task LogoutRequest_DeflateBomb_RefusedWhileInflating()
    {
        // Deflate bomb: a few kilobytes that inflate to megabytes are stopped at the inflate cap.
        var (browser, _) = await LoggedInAsync();
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes("<samlp:LogoutRequest " + new string(' ', 4_000_000) + "/>"));
        }

        var bomb = Uri.EscapeDataString(Convert.ToBase64String(compressed.ToArray()));

        await AssertRefusedAsync(browser, broker.SloUrl + "?SAMLRequest=" + bomb, SamlErrorCode.InflateTooLarge);
    }

    [Fact]
    public async Task LogoutRequest_WithDoctype_RefusedBeforeParsing()
    {
        // XXE and entity expansion: a DTD is refused before the XML is read.
        var (browser, a) = await LoggedInAsync();
        var xml = "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + LogoutRequestXml.Write(broker.A.NewLogoutRequest(broker, a));

        await AssertPostRefusedAsync(browser, new Dictionary<string, string> { ["SAMLRequest"] = PostBinding.Encode(xml) }, SamlErrorCode.XmlDtdProhibited);
    }

    [Fact]
    public async Task LogoutRequest_CommentInNameId_RefusedSessionKept()
    {
        // Comment truncation: a NameID split by a comment must not be read as its first part.
        var (browser, a) = await LoggedInAsync();
        var xml = LogoutRequestXml.Write(broker.A.NewLogoutRequest(broker, a)).Replace(a.NameId, a.NameId[..20] + "<!---->" + a.NameId[20..], StringComparison.Ordinal);
        var url = await RedirectBinding.BuildUrlAsync(broker.SloUrl, "SAMLRequest", xml, null, new RsaSamlSigner(broker.A.Sp.Certificate), TestContext.Current.CancellationToken);

        await AssertRefusedAsync(browser, url, SamlErrorCode.CommentInIdentityValue);
    }

    [Fact]
    public async Task LogoutRequest_NameIdOfAnotherPrincipal_AnsweredUnknownPrincipalSessionKept()
    {
        // A validly signed request naming someone else than the session's principal for this SP ends nothing.
        var (browser, a) = await LoggedInAsync();
        using var channel = new FrontChannel(browser.Cookies);
        var request = broker.A.NewLogoutRequest(broker, a) with { NameId = SamlConstants.OioSaml.PersonNameIdPrefix + Guid.NewGuid() };

        var answer = await channel.GetAsync(await broker.A.RedirectUrlAsync(broker, request));

        var response = broker.A.ReceiveResponse(answer, broker, request.Id).Response;
        Assert.Equal(SamlConstants.StatusCodes.Requester, response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.UnknownPrincipal, response.SubStatusCode);
        Assert.True(await broker.IsLoggedInAsync(browser, broker.A));
    }

    [Fact]
    public async Task LogoutRequest_AnotherServiceProvidersSessionIndex_EndsNothing()
    {
        // SP E cannot end the person's session by naming the SessionIndex and NameID that SP A received.
        var (browser, a) = await LoggedInAsync();
        using var channel = new FrontChannel(new CookieContainer());
        var request = broker.E.NewLogoutRequest(broker, a);

        var answer = await channel.GetAsync(await broker.E.RedirectUrlAsync(broker, request));

        Assert.True(broker.E.ReceiveResponse(answer, broker, request.Id, at: broker.E.ResponseLocation).Response.IsSuccess);
        Assert.True(await broker.IsLoggedInAsync(browser, broker.A));
    }

    private async Task<(TestBrowser Browser, SpSession Session)> LoggedInAsync()
    {
        var browser = new TestBrowser();
        return (browser, await broker.A.LogInAsync(browser, broker));
    }

    private async Task AssertRefusedAsync(TestBrowser browser, string url, SamlErrorCode code, SloServiceProvider? sp = null)
    {
        using (browser)
        {
            using var channel = new FrontChannel(browser.Cookies);
            AssertRefused(await channel.GetAsync(url), code);
            Assert.True(await broker.IsLoggedInAsync(browser, sp ?? broker.A));
        }
    }

    private async Task AssertPostRefusedAsync(TestBrowser browser, IReadOnlyDictionary<string, string> form, SamlErrorCode code)
    {
        using (browser)
        {
            using var channel = new FrontChannel(browser.Cookies);
            AssertRefused(await channel.PostFormAsync(broker.SloUrl, form), code);
            Assert.True(await broker.IsLoggedInAsync(browser, broker.A));
        }
    }

    private static void AssertRefused(Hop hop, SamlErrorCode code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, hop.Status);
        Assert.Equal($"saml.{(int)code}.{code}", hop.ErrorCode);
        Assert.DoesNotContain("SAMLResponse", hop.Html, StringComparison.Ordinal);
    }
}
