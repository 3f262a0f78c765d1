using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;
using Xunit;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>Responses as the broker writes them for one SP request, and the SP's validation of them.</summary>
internal static class ResponseFlow
{
    public const string RequestId = "_request-1";

    public static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static ResponseValidationContext Context => new()
    {
        ServiceProviderEntityId = TestParties.SpEntityId,
        AssertionConsumerServiceUrl = TestParties.AcsUrl,
        ExpectedInResponseTo = RequestId,
        IdentityProviderEntityId = TestParties.IdpEntityId,
        IdentityProviderSigningCertificates = [TestParties.PublicOnly(TestParties.Idp)],
        DecryptionCertificates = [TestParties.SpEncryption],
        Now = Now,
    };

    public static Task<string> ResponseAsync(
        AssertionDescriptor? assertion = null, bool signResponse = false, ISamlSigner? signer = null, EncryptionTarget? target = null) =>
        ResponseXml.WriteSuccessAsync(
            "_response-1", assertion ?? TestParties.Assertion(Now, RequestId), target ?? TestParties.GcmTarget,
            signer ?? TestParties.IdpSigner, signResponse, Ct);

    public static SamlErrorCode Error(string responseXml, ResponseValidationContext? context = null) =>
        Assert.Throws<SamlException>(() => ResponseValidator.Validate(responseXml, context ?? Context, SamlLimits.Default)).Code;

    /// <summary>A response whose assertion was changed and then signed again with the broker's genuine key.</summary>
    public static async Task<string> ResignedAsync(Action<XmlElement> mutate) =>
        await ResponseForge.ChangeAssertionAsync(await ResponseAsync(), mutate, TestParties.IdpSigner, Ct);
}
