using Microsoft.AspNetCore.Http;
using NemLogin.Gateway.Upstream;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.LoginFlows;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>The broker's side of a login as the login coordinator would hold it, and the callback request.</summary>
internal static class UpstreamTestData
{
    public static PendingLogin PendingFor(UpstreamChallenge challenge, LevelOfAssurance loa = LevelOfAssurance.Substantial) => new()
    {
        Protocol = "saml",
        ServiceProviderId = "https://sp.example",
        RequestId = "_request",
        ResponseUrl = "https://sp.example/acs",
        RequiredLoa = loa,
        Upstream = "mitid",
        UpstreamNonce = challenge.Nonce,
        UpstreamCodeVerifier = challenge.CodeVerifier,
        BrowserBinding = "browser-binding",
    };

    /// <summary>The request the browser makes to the broker's callback when MitID redirects it to <paramref name="location"/>.</summary>
    public static HttpContext CallbackContext(Uri location)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = location.Scheme;
        context.Request.Host = new HostString(location.Authority);
        context.Request.Path = location.AbsolutePath;
        context.Request.QueryString = new QueryString(location.Query);
        return context;
    }
}
