using NemLogin.Gateway.Saml;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Gateway.Tests.Abuse;

/// <summary>
/// Attack class: replay of a captured request. The broker remembers a request's ID for <see cref="SamlFrontChannel.ReplayWindow"/>
/// only; after that, the age check must refuse the request on its own (Saml tests:
/// <c>AuthnRequestValidatorTests.ValidateRedirect_AcceptanceWindowPassedSinceEarliestUse_IssueInstantInvalid</c>).
/// </summary>
public sealed class ReplayWindowTests
{
    [Fact]
    public void ReplayWindow_LongerThanAnyRequestIsAccepted()
    {
        var authnRequests = new AuthnRequestValidationContext
        {
            IdentityProviderEntityId = "https://idp.test",
            SingleSignOnUrls = ["https://idp.test/sso"],
            TrustedSigningCertificates = [],
            RegisteredAssertionConsumerServices = [],
            Now = DateTimeOffset.UnixEpoch,
        };
        var logout = new LogoutValidationContext
        {
            ExpectedIssuer = "https://sp.test",
            Destinations = ["https://idp.test/slo"],
            TrustedSigningCertificates = [],
            Now = DateTimeOffset.UnixEpoch,
        };

        Assert.True(SamlFrontChannel.ReplayWindow > MessageAge.AcceptanceWindow(authnRequests.MaxMessageAge, authnRequests.ClockSkew));
        Assert.True(SamlFrontChannel.ReplayWindow > MessageAge.AcceptanceWindow(logout.MaxMessageAge, logout.ClockSkew));
    }
}
