using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.Sessions;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;
using Orleans;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>
/// What a service provider checks of a status Response the broker posts instead of an assertion, and what the broker must
/// not have kept of the attempt.
/// </summary>
public static class StatusResponse
{
    /// <summary>
    /// The posted Response: to <paramref name="sp"/>'s ACS (form action and Destination), in answer to
    /// <paramref name="requestId"/>, signed by a certificate of the IdP metadata, with the given status codes, no assertion
    /// of any kind, and the RelayState echoed.
    /// </summary>
    public static SamlResponse AssertSigned(
        SamlLoginWalk.Outcome outcome,
        TestServiceProvider sp,
        string requestId,
        IdentityProviderMetadata idp,
        string statusCode,
        string? subStatusCode,
        string? relayState = null)
    {
        var received = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default);
        var response = received.Message;

        Assert.Equal(sp.AcsUrl, outcome.FinalPage.Form().Action);
        Assert.Equal(sp.AcsUrl, response.Destination);
        Assert.Equal(requestId, response.InResponseTo);
        Assert.Equal(idp.EntityId, response.Issuer);
        Assert.Equal(statusCode, response.StatusCode);
        Assert.Equal(subStatusCode, response.SubStatusCode);
        Assert.Equal(relayState, outcome.RelayState);
        XmlSignatureVerifier.Verify(received.Root, idp.SigningCertificates, SignaturePolicy.Default, DateTimeOffset.UtcNow);
        Assert.Empty(received.Root.GetElementsByTagName("Assertion", SamlConstants.Namespaces.Assertion));
        Assert.Empty(received.Root.GetElementsByTagName("EncryptedAssertion", SamlConstants.Namespaces.Assertion));

        // The SP's own validator refuses it as a non-success status, never as a forgery.
        var error = Assert.Throws<SamlException>(() => sp.Validate(outcome.ResponseXml, requestId, idp));
        Assert.Equal(SamlErrorCode.StatusNotSuccess, error.Code);
        return response;
    }

    /// <summary>The browser holds no authenticated session at <paramref name="broker"/>: no session cookie, or one naming no session.</summary>
    public static async Task AssertNoSessionAsync(BrokerFactory broker, TestBrowser browser)
    {
        var cookie = browser.Cookies.GetAllCookies().FirstOrDefault(c => c.Name == "nemlogin.sid");
        if (cookie is not null)
        {
            var grains = broker.Services.GetRequiredService<IGrainFactory>();
            Assert.Null(await grains.GetGrain<ISessionGrain>(cookie.Value).GetAsync());
        }
    }
}
