using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Validation;
using Xunit;
using static NemLogin.Saml.Tests.Validation.ResponseFlow;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>The envelope, the assertion count, encryption and signatures (SAML Profiles 4.1.4.2–4.1.4.3, OIOSAML 3.0.3).</summary>
public sealed class ResponseValidatorTests
{
    [Theory]
    [InlineData(SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep)]
    [InlineData(SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p)]
    public async Task Validate_EncryptedForSp_ReturnsAssertion(string dataAlgorithm, string keyAlgorithm)
    {
        var target = new EncryptionTarget(TestParties.PublicOnly(TestParties.SpEncryption), dataAlgorithm, keyAlgorithm);
        var descriptor = TestParties.Assertion(Now, RequestId) with { Id = "_assertion-1" };

        var assertion = ResponseValidator.Validate(await ResponseAsync(descriptor, target: target), Context, SamlLimits.Default).Value;

        Assert.Equal("_assertion-1", assertion.Id);
        Assert.Equal(TestParties.IdpEntityId, assertion.Issuer);
        Assert.Equal(TestParties.NameId, assertion.NameId);
        Assert.Equal(SamlConstants.NameIdFormats.Persistent, assertion.NameIdFormat);
        Assert.Equal("_session-1", assertion.SessionIndex);
        Assert.Equal(Now.AddSeconds(-30), assertion.AuthnInstant);
        Assert.Equal(Now.AddHours(8), assertion.SessionNotOnOrAfter);
        Assert.Equal(["https://mitid.test/idp"], assertion.AuthenticatingAuthorities);
        Assert.Equal(SamlConstants.OioSaml.NsisAuthnContextClassRef, assertion.AuthnContextClassRef);
        Assert.Equal(Now, assertion.NotBefore);
        Assert.Equal(Now.AddMinutes(30), assertion.NotOnOrAfter);
        Assert.Equal([TestParties.SpEntityId], assertion.Audiences);
        Assert.Equal(["Substantial"], assertion.Attributes[SamlConstants.Attributes.Loa]);
        Assert.Equal(["one@example.test", "two@example.test"], assertion.Attributes[SamlConstants.Attributes.Email]);
        Assert.Equal(4, assertion.Attributes.Count);
    }

    [Fact]
    public async Task Validate_SignedResponse_ReturnsAssertion()
    {
        var assertion = ResponseValidator.Validate(await ResponseAsync(signResponse: true), Context, SamlLimits.Default).Value;

        Assert.Equal(TestParties.NameId, assertion.NameId);
    }

    [Fact]
    public async Task Validate_Unsolicited_ReturnsAssertion()
    {
        var xml = await ResponseAsync(TestParties.Assertion(Now, inResponseTo: null));

        var assertion = ResponseValidator.Validate(xml, Context with { ExpectedInResponseTo = null }, SamlLimits.Default).Value;

        Assert.Equal(TestParties.NameId, assertion.NameId);
    }

    [Fact]
    public async Task Validate_NoPassiveError_StatusNotSuccess()
    {
        var xml = await ResponseXml.WriteErrorAsync(
            "_error-1", TestParties.IdpEntityId, TestParties.AcsUrl, RequestId, Now,
            SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoPassive, null, TestParties.IdpSigner, Ct);

        var error = Assert.Throws<SamlException>(() => ResponseValidator.Validate(xml, Context, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.StatusNotSuccess, error.Code);
        Assert.Contains(SamlConstants.StatusCodes.NoPassive, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ResponseFromOtherIdp_IssuerMismatch() =>
        Assert.Equal(
            SamlErrorCode.IssuerMismatch,
            Error(await ResponseAsync(), Context with { IdentityProviderEntityId = "https://other-idp.test" }));

    [Fact]
    public async Task Validate_ResponseIssuerRemoved_IssuerMissing()
    {
        var xml = ResponseForge.ChangeEnvelope(
            await ResponseAsync(), root => root.RemoveChild(ResponseForge.Child(root, "Issuer")));

        Assert.Equal(SamlErrorCode.IssuerMissing, Error(xml));
    }

    [Fact]
    public async Task Validate_DestinationOtherAcs_DestinationMismatch()
    {
        var xml = ResponseForge.ChangeEnvelope(
            await ResponseAsync(), root => root.SetAttribute("Destination", TestParties.SecondAcsUrl));

        Assert.Equal(SamlErrorCode.DestinationMismatch, Error(xml));
    }

    [Fact]
    public async Task Validate_AnswerToAnotherRequest_InResponseToMismatch() =>
        Assert.Equal(SamlErrorCode.InResponseToMismatch, Error(await ResponseAsync(), Context with { ExpectedInResponseTo = "_request-2" }));

    [Fact]
    public async Task Validate_ReplacedInResponseTo_InResponseToMismatch()
    {
        // A response captured for another login, its unsigned envelope edited to name this SP's request: the signed
        // bearer confirmation still names the other request.
        var captured = await ResponseAsync(TestParties.Assertion(Now, "_request-of-victim"));
        var xml = ResponseForge.ChangeEnvelope(captured, root => root.SetAttribute("InResponseTo", RequestId));

        Assert.Equal(SamlErrorCode.InResponseToMismatch, Error(xml));
    }

    [Fact]
    public async Task Validate_UnsolicitedButResponseNamesRequest_InResponseToMismatch() =>
        Assert.Equal(SamlErrorCode.InResponseToMismatch, Error(await ResponseAsync(), Context with { ExpectedInResponseTo = null }));

    [Fact]
    public async Task Validate_UnsignedAssertionInside_SignatureMissing()
    {
        var xml = await ResponseForge.ChangeAssertionAsync(await ResponseAsync(), ResponseForge.RemoveSignature, null, Ct);

        Assert.Equal(SamlErrorCode.SignatureMissing, Error(xml));
    }

    [Fact]
    public async Task Validate_SignedResponseAroundUnsignedAssertion_SignatureMissing()
    {
        // OIOSAML 3.0.3: the assertion must be signed itself; a valid Response signature never vouches for it.
        var unsigned = await ResponseForge.ChangeAssertionAsync(await ResponseAsync(), ResponseForge.RemoveSignature, null, Ct);
        var response = ResponseForge.Load(unsigned);
        await XmlSignatureWriter.SignAsync(
            response.DocumentElement!, ResponseForge.Child(response.DocumentElement!, "Issuer"), TestParties.IdpSigner, Ct);

        Assert.Equal(SamlErrorCode.SignatureMissing, Error(response.OuterXml));
    }

    [Fact]
    public async Task Validate_AssertionSignedByUntrustedKey_SignatureKeyUntrusted() =>
        Assert.Equal(SamlErrorCode.SignatureKeyUntrusted, Error(await ResponseAsync(signer: TestParties.AttackerSigner)));

    [Fact]
    public async Task Validate_AssertionChangedAfterSigning_SignatureInvalid()
    {
        var xml = await ResponseForge.ChangeAssertionAsync(
            await ResponseAsync(),
            assertion => ResponseForge.Descendant(assertion, "NameID").InnerText = SamlConstants.OioSaml.PersonNameIdPrefix + "someone-else",
            null,
            Ct);

        Assert.Equal(SamlErrorCode.SignatureInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_SignedResponseChanged_SignatureInvalid()
    {
        var xml = ResponseForge.ChangeEnvelope(
            await ResponseAsync(signResponse: true), root => root.SetAttribute("IssueInstant", "2020-01-01T00:00:00.000Z"));

        Assert.Equal(SamlErrorCode.SignatureInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_TwoEncryptedAssertions_AssertionCountInvalid()
    {
        var xml = ResponseForge.ChangeEnvelope(await ResponseAsync(), root =>
            root.AppendChild(ResponseForge.EncryptedAssertion(root.OwnerDocument).CloneNode(deep: true)));

        Assert.Equal(SamlErrorCode.AssertionCountInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_PlainAssertionBesideEncrypted_AssertionCountInvalid()
    {
        // Assertion injection: an extra unencrypted assertion beside the genuine encrypted one.
        var issued = await ResponseAsync();
        var injected = ResponseForge.DecryptAssertion(issued).DocumentElement!;
        var xml = ResponseForge.ChangeEnvelope(issued, root => root.AppendChild(root.OwnerDocument.ImportNode(injected, deep: true)));

        Assert.Equal(SamlErrorCode.AssertionCountInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_PlainSignedAssertionOnly_EncryptionMissing()
    {
        var issued = await ResponseAsync();
        var plain = ResponseForge.DecryptAssertion(issued).DocumentElement!;
        var xml = ResponseForge.ChangeEnvelope(issued, root =>
            root.ReplaceChild(root.OwnerDocument.ImportNode(plain, deep: true), ResponseForge.EncryptedAssertion(root.OwnerDocument)));

        Assert.Equal(SamlErrorCode.EncryptionMissing, Error(xml));
    }

    [Fact]
    public async Task Validate_SuccessWithoutAssertion_AssertionCountInvalid()
    {
        var xml = ResponseForge.ChangeEnvelope(
            await ResponseAsync(), root => root.RemoveChild(ResponseForge.EncryptedAssertion(root.OwnerDocument)));

        Assert.Equal(SamlErrorCode.AssertionCountInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_WrongDecryptionKey_DecryptionFailed() =>
        Assert.Equal(
            SamlErrorCode.DecryptionFailed,
            Error(await ResponseAsync(), Context with { DecryptionCertificates = [TestParties.Attacker] }));
}
