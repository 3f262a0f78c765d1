using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;
using Xunit;
using static NemLogin.Saml.Tests.Validation.AuthnRequestFlow;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>Which ACS a validated request is answered at (SAML Core 3.4.1, Profiles 4.1.4.1, Metadata 2.2.3).</summary>
public sealed class AssertionConsumerServiceSelectionTests
{
    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static AuthnRequest Request => TestParties.Request(Now);

    private static AuthnRequestValidationContext Context => AuthnRequestFlow.Context(Now);

    [Fact]
    public async Task ValidateRedirect_AcsUrlUnregistered_AcsUrlNotRegistered() =>
        // Open redirect / assertion theft: a response is never posted to a URL the SP did not register.
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(Request with { AssertionConsumerServiceUrl = "https://evil.test/acs" }, Context));

    [Theory]
    [InlineData("https://sp.test/saml/acs/")]
    [InlineData("https://SP.test/saml/acs")]
    [InlineData("https://sp.test/saml/acs?x=1")]
    public async Task ValidateRedirect_AcsUrlNearlyRegistered_AcsUrlNotRegistered(string url) =>
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(Request with { AssertionConsumerServiceUrl = url }, Context));

    [Fact]
    public async Task ValidateRedirect_AcsUrlRegisteredForArtifactOnly_AcsUrlNotRegistered() =>
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(Request with { AssertionConsumerServiceUrl = "https://sp.test/saml/artifact" }, Context));

    [Fact]
    public async Task ValidateRedirect_AcsIndexRegistered_ChoosesThatAcs()
    {
        var valid = await RedirectAsync(
            Request with { AssertionConsumerServiceUrl = null, AssertionConsumerServiceIndex = 1 }, Context);

        Assert.Equal(TestParties.SecondAcsUrl, valid.Value.AssertionConsumerServiceUrl);
    }

    [Fact]
    public async Task ValidateRedirect_AcsIndexUnregistered_AcsUrlNotRegistered() =>
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(Request with { AssertionConsumerServiceUrl = null, AssertionConsumerServiceIndex = 7 }, Context));

    [Fact]
    public async Task ValidateRedirect_AcsIndexOfArtifactEndpoint_AcsUrlNotRegistered() =>
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(Request with { AssertionConsumerServiceUrl = null, AssertionConsumerServiceIndex = 2 }, Context));

    [Fact]
    public async Task ValidateRedirect_AcsUrlAndIndex_AcsUrlNotRegistered() =>
        // SAML Core 3.4.1: the two are mutually exclusive.
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(Request with { AssertionConsumerServiceIndex = 0 }, Context));

    [Fact]
    public async Task ValidateRedirect_NoAcsNamed_ChoosesDefaultAcs()
    {
        var context = Context with
        {
            RegisteredAssertionConsumerServices =
            [
                new(SamlConstants.Bindings.HttpPost, TestParties.SecondAcsUrl, 1, IsDefault: false),
                new(SamlConstants.Bindings.HttpPost, TestParties.AcsUrl, 0, IsDefault: true),
            ],
        };

        var valid = await RedirectAsync(Request with { AssertionConsumerServiceUrl = null }, context);

        Assert.Equal(TestParties.AcsUrl, valid.Value.AssertionConsumerServiceUrl);
    }

    [Fact]
    public async Task ValidateRedirect_NoAcsNamedNoDefault_ChoosesFirstPostAcs()
    {
        var context = Context with
        {
            RegisteredAssertionConsumerServices =
            [
                new("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact", "https://sp.test/saml/artifact", 0, IsDefault: true),
                new(SamlConstants.Bindings.HttpPost, TestParties.SecondAcsUrl, 1, IsDefault: false),
                new(SamlConstants.Bindings.HttpPost, TestParties.AcsUrl, 2, IsDefault: false),
            ],
        };

        var valid = await RedirectAsync(Request with { AssertionConsumerServiceUrl = null }, context);

        Assert.Equal(TestParties.SecondAcsUrl, valid.Value.AssertionConsumerServiceUrl);
    }

    [Fact]
    public async Task ValidateRedirect_NoPostAcsRegistered_AcsUrlNotRegistered() =>
        Assert.Equal(
            SamlErrorCode.AcsUrlNotRegistered,
            await RedirectErrorAsync(
                Request with { AssertionConsumerServiceUrl = null },
                Context with { RegisteredAssertionConsumerServices = [] }));
}
