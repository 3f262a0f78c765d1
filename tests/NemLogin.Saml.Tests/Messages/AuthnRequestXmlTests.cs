using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Saml.Tests.Messages;

public sealed class AuthnRequestXmlTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private static string Fixture(string test) => MessageFixtures.For<AuthnRequestXmlTests>(test);

    private static SamlErrorCode ReadError(string test) =>
        Assert.Throws<SamlException>(() => AuthnRequestXml.Read(Fixture(test), SamlLimits.Default)).Code;

    [Fact]
    public void Write_Request_RoundTripsThroughRead()
    {
        var request = TestParties.Request(Now) with { ForceAuthn = true, AssertionConsumerServiceUrl = null, AssertionConsumerServiceIndex = 1 };

        var read = AuthnRequestXml.Read(AuthnRequestXml.Write(request), SamlLimits.Default).Message;

        Assert.Equal(request.Id, read.Id);
        Assert.Equal(Now, read.IssueInstant);
        Assert.Equal(TestParties.SsoUrl, read.Destination);
        Assert.Equal(TestParties.SpEntityId, read.Issuer);
        Assert.Null(read.IssuerFormat);
        Assert.Null(read.AssertionConsumerServiceUrl);
        Assert.Equal(1, read.AssertionConsumerServiceIndex);
        Assert.Equal(SamlConstants.Bindings.HttpPost, read.ProtocolBinding);
        Assert.True(read.ForceAuthn);
        Assert.False(read.IsPassive);
        Assert.Equal(SamlConstants.NameIdFormats.Persistent, read.NameIdPolicyFormat);
        Assert.True(read.AllowCreate);
        Assert.Equal("minimum", read.RequestedAuthnContext!.Comparison);
        Assert.Equal([SamlConstants.OioSaml.LoaSubstantial], read.RequestedAuthnContext.ClassRefs);
    }

    [Fact]
    public void Write_NewRequests_GetDistinctIdsThatAreXmlIds()
    {
        var first = TestParties.Request(Now);
        var second = TestParties.Request(Now);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Matches("^_[0-9a-f]{32}$", first.Id);
    }

    [Fact]
    public async Task WriteSignedAsync_Request_SignatureFollowsIssuerAndVerifies()
    {
        var xml = await AuthnRequestXml.WriteSignedAsync(
            TestParties.Request(Now), TestParties.SpSigner, TestContext.Current.CancellationToken);

        var received = AuthnRequestXml.Read(xml, SamlLimits.Default);
        var elements = received.Root.ChildNodes.OfType<System.Xml.XmlElement>().ToList();
        Assert.Equal("Issuer", elements[0].LocalName);
        Assert.Equal("Signature", elements[1].LocalName);
        Assert.True(XmlSignatureVerifier.HasSignature(received.Root));
        var verifiedBy = XmlSignatureVerifier.Verify(
            received.Root, [TestParties.PublicOnly(TestParties.SpSigning)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
        Assert.Equal(TestParties.SpSigning.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public void Write_DefaultFlags_OmitsForceAuthnAndIsPassive()
    {
        var xml = AuthnRequestXml.Write(TestParties.Request(Now));

        var root = SafeXml.Load(xml, SamlLimits.Default).DocumentElement!;
        Assert.False(root.HasAttribute("ForceAuthn"));
        Assert.False(root.HasAttribute("IsPassive"));
        Assert.Equal("2026-01-01T10:00:00.123Z", root.GetAttribute("IssueInstant"));
    }

    [Fact]
    public void Read_ReferenceServiceProviderRequest_ReadsEveryField()
    {
        var read = AuthnRequestXml.Read(Fixture(nameof(Read_ReferenceServiceProviderRequest_ReadsEveryField)), SamlLimits.Default);

        var request = read.Message;
        Assert.Equal("_8f2b7c0e4d", request.Id);
        Assert.Equal(Now, request.IssueInstant);
        Assert.Equal(SamlConstants.NameIdFormats.Entity, request.IssuerFormat);
        Assert.True(request.ForceAuthn);
        Assert.False(request.IsPassive);
        Assert.Equal(TestParties.AcsUrl, request.AssertionConsumerServiceUrl);
        Assert.Equal(SamlConstants.NameIdFormats.Transient, request.NameIdPolicyFormat);
        Assert.False(request.AllowCreate);
        Assert.Equal(
            [SamlConstants.OioSaml.LoaHigh, SamlConstants.OioSaml.ProfileProfessional],
            request.RequestedAuthnContext!.ClassRefs);
        Assert.Equal("AuthnRequest", read.Root.LocalName);
        Assert.Same(read.Document.DocumentElement, read.Root);
    }

    [Fact]
    public void Read_ComparisonOmitted_ReadsExact()
    {
        var request = AuthnRequestXml.Read(Fixture(nameof(Read_ComparisonOmitted_ReadsExact)), SamlLimits.Default).Message;

        // SAML Core 3.3.2.2.1: the schema default; the validator decides how to treat it.
        Assert.Equal("exact", request.RequestedAuthnContext!.Comparison);
    }

    [Fact]
    public void Read_DeclRefOnly_ReadsNoClassRefs()
    {
        var request = AuthnRequestXml.Read(Fixture(nameof(Read_DeclRefOnly_ReadsNoClassRefs)), SamlLimits.Default).Message;

        Assert.Empty(request.RequestedAuthnContext!.ClassRefs);
    }

    [Fact]
    public void Read_NoIdNoIssuer_ReadsEmptyValues()
    {
        // Missing ID and Issuer are profile failures with their own codes, so the reader leaves them to the validator.
        var request = AuthnRequestXml.Read(Fixture(nameof(Read_NoIdNoIssuer_ReadsEmptyValues)), SamlLimits.Default).Message;

        Assert.Equal(string.Empty, request.Id);
        Assert.Equal(string.Empty, request.Issuer);
    }

    [Fact]
    public void Read_RootIsLogoutRequest_XmlUnexpectedRoot() =>
        Assert.Equal(SamlErrorCode.XmlUnexpectedRoot, ReadError(nameof(Read_RootIsLogoutRequest_XmlUnexpectedRoot)));

    [Fact]
    public void Read_VersionOnePointOne_VersionInvalid() =>
        Assert.Equal(SamlErrorCode.VersionInvalid, ReadError(nameof(Read_VersionOnePointOne_VersionInvalid)));

    [Fact]
    public void Read_VersionMissing_VersionInvalid() =>
        Assert.Equal(SamlErrorCode.VersionInvalid, ReadError(nameof(Read_VersionMissing_VersionInvalid)));

    [Fact]
    public void Read_IssueInstantMissing_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_IssueInstantMissing_XmlSchemaViolation)));

    [Fact]
    public void Read_IssueInstantWithOffset_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_IssueInstantWithOffset_XmlSchemaViolation)));

    [Fact]
    public void Read_NameIdPolicyBeforeIssuer_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_NameIdPolicyBeforeIssuer_XmlSchemaViolation)));

    [Fact]
    public void Read_UnknownChildElement_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_UnknownChildElement_XmlSchemaViolation)));

    [Fact]
    public void Read_TextBetweenElements_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_TextBetweenElements_XmlSchemaViolation)));

    [Fact]
    public void Read_ForceAuthnNotBoolean_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_ForceAuthnNotBoolean_XmlSchemaViolation)));

    [Fact]
    public void Read_AcsIndexNotUnsignedShort_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_AcsIndexNotUnsignedShort_XmlSchemaViolation)));

    [Fact]
    public void Read_ClassRefAndDeclRef_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_ClassRefAndDeclRef_XmlSchemaViolation)));

    [Fact]
    public void Read_CommentInIssuer_CommentInIdentityValue() =>
        Assert.Equal(SamlErrorCode.CommentInIdentityValue, ReadError(nameof(Read_CommentInIssuer_CommentInIdentityValue)));

    [Fact]
    public void Read_DuplicateIds_DuplicateId() =>
        Assert.Equal(SamlErrorCode.DuplicateId, ReadError(nameof(Read_DuplicateIds_DuplicateId)));

    [Fact]
    public void Read_WithDoctype_XmlDtdProhibited() =>
        // XXE: an external entity in the Issuer must never be resolved.
        Assert.Equal(SamlErrorCode.XmlDtdProhibited, ReadError(nameof(Read_WithDoctype_XmlDtdProhibited)));

    [Fact]
    public void PeekIssuerUnvalidated_Request_ReturnsIssuer()
    {
        var xml = AuthnRequestXml.Write(TestParties.Request(Now));

        Assert.Equal(TestParties.SpEntityId, AuthnRequestXml.PeekIssuerUnvalidated(xml, SamlLimits.Default));
    }

    [Fact]
    public void PeekIssuerUnvalidated_NoIssuer_IssuerMissing()
    {
        var xml = Fixture(nameof(PeekIssuerUnvalidated_NoIssuer_IssuerMissing));

        var error = Assert.Throws<SamlException>(() => AuthnRequestXml.PeekIssuerUnvalidated(xml, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.IssuerMissing, error.Code);
    }

    [Fact]
    public void PeekIssuerUnvalidated_CommentInIssuer_CommentInIdentityValue()
    {
        // Identity truncation: a comment must not make the peek pick a different service provider than a full read would.
        var xml = Fixture(nameof(PeekIssuerUnvalidated_CommentInIssuer_CommentInIdentityValue));

        var error = Assert.Throws<SamlException>(() => AuthnRequestXml.PeekIssuerUnvalidated(xml, SamlLimits.Default));

        Assert.Equal(SamlErrorCode.CommentInIdentityValue, error.Code);
    }
}
