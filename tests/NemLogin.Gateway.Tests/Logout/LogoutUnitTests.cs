using Microsoft.AspNetCore.DataProtection;
using NemLogin.Gateway.Logout;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.Sessions;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>The small rules of single logout that need no broker: options, request IDs, endpoint choice, CSP sources.</summary>
public sealed class LogoutUnitTests
{
    private const string Soap = SamlConstants.Bindings.Soap;
    private const string Redirect = SamlConstants.Bindings.HttpRedirect;
    private const string Post = SamlConstants.Bindings.HttpPost;

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void ParticipantTimeout_OutsideOneSecondToOneMinute_RefusedAtStartUp(double seconds, bool valid)
    {
        var result = new SingleLogoutOptionsValidator().Validate(null, new SingleLogoutOptions { ParticipantTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void LogoutRequestId_RoundTrips_FlowAndPosition()
    {
        var ids = new IssuedIds(new EphemeralDataProtectionProvider());
        var flow = ids.New(IssuedIdPurpose.LogoutFlow);

        Assert.True(LogoutRequestIds.TryParse(LogoutRequestIds.For(flow.Token, 12), out var parsedToken, out var index));

        Assert.Equal(flow.Token, parsedToken);
        Assert.Equal(12, index);
        Assert.True(ids.TryRead(IssuedIdPurpose.LogoutFlow, parsedToken, out var key));
        Assert.Equal(flow.Key, key);
        // An xs:ID (NCName): the underscore first, then base64url characters only.
        Assert.Matches("^_[A-Za-z0-9_-]+-12$", LogoutRequestIds.For(flow.Token, 12));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("_abc-1")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef-1")]
    [InlineData("_0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef-1")]
    [InlineData("_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef-")]
    [InlineData("_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef--1")]
    [InlineData("_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef-1 ")]
    public void LogoutRequestId_NotOneTheBrokerIssued_NamesNoFlow(string? inResponseTo)
    {
        // Unauthenticated input creates no state: an InResponseTo the broker did not issue never reaches a flow grain.
        var ids = new IssuedIds(new EphemeralDataProtectionProvider());

        var named = LogoutRequestIds.TryParse(inResponseTo, out var token, out _) && ids.TryRead(IssuedIdPurpose.LogoutFlow, token, out _);

        Assert.False(named);
    }

    [Fact]
    public void LogoutRequestId_IssuedForAnotherPurpose_NamesNoFlow()
    {
        var ids = new IssuedIds(new EphemeralDataProtectionProvider());
        var session = ids.New(IssuedIdPurpose.Session);

        Assert.True(LogoutRequestIds.TryParse(LogoutRequestIds.For(session.Token, 0), out var token, out _));
        Assert.False(ids.TryRead(IssuedIdPurpose.LogoutFlow, token, out _));
    }

    [Fact]
    public void SloEndpoint_SoapListedFirst_FirstBrowserBindingUsed()
    {
        // OIOSAML 3: the first SLO binding the SP lists, among those the broker speaks.
        var registration = Registration(
            new SamlEndpoint(Soap, "https://sp.test/soap", 0, false),
            new SamlEndpoint(Post, "https://sp.test/post", 1, false),
            new SamlEndpoint(Redirect, "https://sp.test/redirect", 2, false));

        Assert.Equal(new SloTarget(Post, "https://sp.test/post"), SloEndpointSelector.ForRequests(registration));
    }

    [Fact]
    public void SloEndpoint_ResponseLocationGiven_ResponsesGoThereRequestsToLocation()
    {
        var registration = Registration(new SamlEndpoint(Redirect, "https://sp.test/slo", 0, false) { ResponseLocation = "https://sp.test/slo-return" });

        Assert.Equal("https://sp.test/slo", SloEndpointSelector.ForRequests(registration)!.Url);
        Assert.Equal("https://sp.test/slo-return", SloEndpointSelector.ForResponses(registration)!.Url);
    }

    [Fact]
    public void SloEndpoint_OnlySoapOrNone_NoTarget()
    {
        Assert.Null(SloEndpointSelector.ForRequests(Registration(new SamlEndpoint(Soap, "https://sp.test/soap", 0, false))));
        Assert.Null(SloEndpointSelector.ForResponses(Registration()));
    }

    private static ServiceProviderRegistration Registration(params SamlEndpoint[] slo) => new()
    {
        EntityId = "https://sp.test/saml",
        SigningCertificates = [],
        EncryptionCertificates = [],
        AssertionConsumerServices = [new SamlEndpoint(Post, "https://sp.test/acs", 0, true)],
        SingleLogoutServices = [.. slo],
    };
}
