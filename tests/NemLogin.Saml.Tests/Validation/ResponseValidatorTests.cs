using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;
using Xunit;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

public sealed class ResponseValidatorTests
{
    private const string RequestId = "_request-1";
    private const string A = SamlConstants.Namespaces.Assertion;

    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ResponseValidationContext Context => new()
    {
        ServiceProviderEntityId = TestParties.SpEntityId,
        AssertionConsumerServiceUrl = TestParties.AcsUrl,
        ExpectedInResponseTo = RequestId,
        IdentityProviderEntityId = TestParties.IdpEntityId,
        IdentityProviderSigningCertificates = [TestParties.PublicOnly(TestParties.Idp)],
        DecryptionCertificates = [TestParties.SpEncryption],
        Now = Now,
    };

    private static Task<string> ResponseAsync(
        AssertionDescriptor? assertion = null, bool signResponse = false, ISamlSigner? signer = null, EncryptionTarget? target = null) =>
        ResponseXml.WriteSuccessAsync(
            "_response-1", assertion ?? TestParties.Assertion(Now, RequestId), target ?? TestParties.GcmTarget,
            signer ?? TestParties.IdpSigner, signResponse, Ct);

    private static SamlErrorCode Error(string responseXml, ResponseValidationContext? context = null) =>
        Assert.Throws<SamlException>(() => ResponseValidator.Validate(responseXml, context ?? Context, SamlLimits.Default)).Code;

    private static async Task<string> ResignedAsync(Action<XmlElement> mutate) =>
        await ResponseForge.ChangeAssertionAsync(await ResponseAsync(), mutate, TestParties.IdpSigner, Ct);

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
    public async Task Validate_AssertionForOtherSp_AudienceMismatch() =>
        // Assertion forwarding: an assertion issued to another service provider is replayed here.
        Assert.Equal(
            SamlErrorCode.AudienceMismatch,
            Error(await ResponseAsync(TestParties.Assertion(Now, RequestId) with { Audience = "https://other-sp.test" })));

    [Fact]
    public async Task Validate_SecondAudienceRestrictionForOtherSp_AudienceMismatch()
    {
        var xml = await ResignedAsync(assertion =>
        {
            var conditions = ResponseForge.Child(assertion, "Conditions");
            var restriction = (XmlElement)ResponseForge.Child(conditions, "AudienceRestriction").CloneNode(deep: true);
            restriction.FirstChild!.InnerText = "https://other-sp.test";
            conditions.AppendChild(restriction);
        });

        // SAML Core 2.5.1.4: every AudienceRestriction must be met.
        Assert.Equal(SamlErrorCode.AudienceMismatch, Error(xml));
    }

    [Fact]
    public async Task Validate_RecipientOtherAcs_RecipientMismatch()
    {
        var issued = await ResponseAsync(TestParties.Assertion(Now, RequestId) with { Recipient = "https://evil.test/acs" });
        var xml = ResponseForge.ChangeEnvelope(issued, root => root.SetAttribute("Destination", TestParties.AcsUrl));

        Assert.Equal(SamlErrorCode.RecipientMismatch, Error(xml));
    }

    [Fact]
    public async Task Validate_AfterBearerWindow_AssertionExpired() =>
        Assert.Equal(SamlErrorCode.AssertionExpired, Error(await ResponseAsync(), Context with { Now = Now.AddMinutes(10) }));

    [Fact]
    public async Task Validate_AfterConditionsWindow_AssertionExpired()
    {
        var descriptor = TestParties.Assertion(Now, RequestId) with
        {
            ConfirmationLifetime = TimeSpan.FromHours(1),
            ConditionsLifetime = TimeSpan.FromMinutes(10),
        };

        Assert.Equal(SamlErrorCode.AssertionExpired, Error(await ResponseAsync(descriptor), Context with { Now = Now.AddMinutes(16) }));
    }

    [Fact]
    public async Task Validate_WithinClockSkewAfterExpiry_ReturnsAssertion()
    {
        var valid = ResponseValidator.Validate(await ResponseAsync(), Context with { Now = Now.AddMinutes(9) }, SamlLimits.Default);

        Assert.Equal(TestParties.NameId, valid.Value.NameId);
    }

    [Fact]
    public async Task Validate_BeforeNotBefore_AssertionNotYetValid() =>
        Assert.Equal(SamlErrorCode.AssertionNotYetValid, Error(await ResponseAsync(), Context with { Now = Now.AddMinutes(-6) }));

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
    public async Task Validate_CommentInNameId_CommentInIdentityValue()
    {
        // Identity truncation (CVE-2017-11427 class): exclusive C14N drops comments, so the signature still verifies
        // while a naive text read would return only the part before the comment.
        XmlElement? mutated = null;
        var xml = await ResponseForge.ChangeAssertionAsync(
            await ResponseAsync(),
            assertion =>
            {
                var nameId = ResponseForge.Descendant(assertion, "NameID");
                var text = nameId.InnerText;
                nameId.RemoveAll();
                nameId.SetAttribute("Format", SamlConstants.NameIdFormats.Persistent);
                nameId.AppendChild(assertion.OwnerDocument.CreateTextNode(text[..^4]));
                nameId.AppendChild(assertion.OwnerDocument.CreateComment("x"));
                nameId.AppendChild(assertion.OwnerDocument.CreateTextNode(text[^4..]));
                mutated = assertion;
            },
            null,
            Ct);

        XmlSignatureVerifier.Verify(mutated!, Context.IdentityProviderSigningCertificates, SignaturePolicy.Default, Now);
        Assert.Equal(SamlErrorCode.CommentInIdentityValue, Error(xml));
    }

    [Fact]
    public async Task Validate_CommentInAttributeValue_CommentInIdentityValue()
    {
        var xml = await ResignedAsync(assertion =>
            ResponseForge.Descendant(assertion, "AttributeValue").AppendChild(assertion.OwnerDocument.CreateComment("x")));

        Assert.Equal(SamlErrorCode.CommentInIdentityValue, Error(xml));
    }

    [Fact]
    public async Task Validate_AssertionIssuerOtherIdp_IssuerMismatch()
    {
        var xml = await ResignedAsync(assertion => ResponseForge.Child(assertion, "Issuer").InnerText = "https://other-idp.test");

        Assert.Equal(SamlErrorCode.IssuerMismatch, Error(xml));
    }

    [Fact]
    public async Task Validate_NoNameId_SubjectNameIdMissing()
    {
        var xml = await ResignedAsync(assertion =>
        {
            var nameId = ResponseForge.Descendant(assertion, "NameID");
            nameId.ParentNode!.RemoveChild(nameId);
        });

        Assert.Equal(SamlErrorCode.SubjectNameIdMissing, Error(xml));
    }

    [Fact]
    public async Task Validate_HolderOfKeyOnly_SubjectConfirmationInvalid()
    {
        var xml = await ResignedAsync(assertion => ResponseForge.Descendant(assertion, "SubjectConfirmation")
            .SetAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"));

        Assert.Equal(SamlErrorCode.SubjectConfirmationInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_BearerWithNotBefore_SubjectConfirmationInvalid()
    {
        // SAML Profiles 4.1.4.2: bearer data MUST NOT carry NotBefore.
        var xml = await ResignedAsync(assertion => ResponseForge.Descendant(assertion, "SubjectConfirmationData")
            .SetAttribute("NotBefore", SamlInstant.Format(Now)));

        Assert.Equal(SamlErrorCode.SubjectConfirmationInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_ConditionsRemoved_ConditionsInvalid()
    {
        var xml = await ResignedAsync(assertion => assertion.RemoveChild(ResponseForge.Child(assertion, "Conditions")));

        Assert.Equal(SamlErrorCode.ConditionsInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_UnknownCondition_ConditionsInvalid()
    {
        var xml = await ResignedAsync(assertion =>
        {
            var condition = assertion.OwnerDocument.CreateElement("saml", "Condition", A);
            var type = assertion.OwnerDocument.CreateAttribute("xsi", "type", SamlConstants.Namespaces.XmlSchemaInstance);
            type.Value = "saml:DelegationRestrictionType";
            condition.Attributes.Append(type);
            ResponseForge.Child(assertion, "Conditions").AppendChild(condition);
        });

        // SAML Core 2.5.1.1: a condition not understood makes the assertion indeterminate.
        Assert.Equal(SamlErrorCode.ConditionsInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_TwoAuthnStatements_AuthnStatementInvalid()
    {
        var xml = await ResignedAsync(assertion =>
        {
            var statement = ResponseForge.Child(assertion, "AuthnStatement");
            assertion.InsertAfter(statement.CloneNode(deep: true), statement);
        });

        Assert.Equal(SamlErrorCode.AuthnStatementInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_AuthnSessionEnded_AuthnStatementInvalid() =>
        Assert.Equal(
            SamlErrorCode.AuthnStatementInvalid,
            Error(await ResponseAsync(TestParties.Assertion(Now, RequestId) with { SessionNotOnOrAfter = Now.AddMinutes(-10) })));

    [Fact]
    public async Task Validate_TwoAttributeStatements_AttributeStatementInvalid()
    {
        var xml = await ResignedAsync(assertion =>
            assertion.AppendChild(ResponseForge.Child(assertion, "AttributeStatement").CloneNode(deep: true)));

        Assert.Equal(SamlErrorCode.AttributeStatementInvalid, Error(xml));
    }

    [Fact]
    public async Task Validate_AttributeTwice_AttributeStatementInvalid()
    {
        var descriptor = TestParties.Assertion(Now, RequestId) with
        {
            Attributes = [new(SamlConstants.Attributes.Loa, ["Low"]), new(SamlConstants.Attributes.Loa, ["High"])],
        };

        Assert.Equal(SamlErrorCode.AttributeStatementInvalid, Error(await ResponseAsync(descriptor)));
    }

    [Fact]
    public async Task Validate_WrongDecryptionKey_DecryptionFailed() =>
        Assert.Equal(
            SamlErrorCode.DecryptionFailed,
            Error(await ResponseAsync(), Context with { DecryptionCertificates = [TestParties.Attacker] }));
}
