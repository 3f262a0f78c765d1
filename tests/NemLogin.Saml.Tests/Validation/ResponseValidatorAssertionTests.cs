using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Validation;
using Xunit;
using static NemLogin.Saml.Tests.Validation.ResponseFlow;
using TestParties = NemLogin.Saml.Tests.Messages.TestParties;

namespace NemLogin.Saml.Tests.Validation;

/// <summary>The rules on the decrypted, signed assertion: subject, confirmation, conditions, audience, statements.</summary>
public sealed class ResponseValidatorAssertionTests
{
    private const string A = SamlConstants.Namespaces.Assertion;

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
    public async Task Validate_AssertionForOtherSp_AudienceMismatch() =>
        // Assertion forwarding: an assertion issued to another service provider is replayed here.
        Assert.Equal(
            SamlErrorCode.AudienceMismatch,
            Error(await ResponseAsync(TestParties.Assertion(Now, RequestId) with { Audience = "https://other-sp.test" })));

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
}
