using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Validation;
using Xunit;

namespace NemLogin.Saml.Tests.Messages;

public sealed class LogoutRequestXmlTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private static string Fixture(string test) => MessageFixtures.For<LogoutRequestXmlTests>(test);

    private static SamlErrorCode ReadError(string test) =>
        Assert.Throws<SamlException>(() => LogoutRequestXml.Read(Fixture(test), SamlLimits.Default)).Code;

    [Fact]
    public void Write_Request_RoundTripsThroughRead()
    {
        var request = LogoutFlow.Request(Now) with
        {
            NotOnOrAfter = Now.AddMinutes(5),
            NameQualifier = TestParties.IdpEntityId,
            SpNameQualifier = TestParties.SpEntityId,
            SessionIndexes = ["_s1", "_s2"],
        };

        var read = LogoutRequestXml.Read(LogoutRequestXml.Write(request), SamlLimits.Default).Message;

        Assert.Equal(request.Id, read.Id);
        Assert.Equal(Now, read.IssueInstant);
        Assert.Equal(LogoutFlow.SloUrl, read.Destination);
        Assert.Equal(TestParties.SpEntityId, read.Issuer);
        Assert.Equal(Now.AddMinutes(5), read.NotOnOrAfter);
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:logout:user", read.Reason);
        Assert.Equal(TestParties.NameId, read.NameId);
        Assert.Equal(SamlConstants.NameIdFormats.Persistent, read.NameIdFormat);
        Assert.Equal(TestParties.IdpEntityId, read.NameQualifier);
        Assert.Equal(TestParties.SpEntityId, read.SpNameQualifier);
        Assert.Equal(["_s1", "_s2"], read.SessionIndexes);
    }

    [Fact]
    public async Task WriteSignedAsync_Request_SignatureFollowsIssuerAndVerifies()
    {
        var xml = await LogoutRequestXml.WriteSignedAsync(LogoutFlow.Request(Now), TestParties.SpSigner, TestContext.Current.CancellationToken);

        var received = LogoutRequestXml.Read(xml, SamlLimits.Default);
        var elements = received.Root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();
        Assert.Equal(["Issuer", "Signature", "NameID", "SessionIndex"], elements);
        var verifiedBy = XmlSignatureVerifier.Verify(
            received.Root, [TestParties.PublicOnly(TestParties.SpSigning)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
        Assert.Equal(TestParties.SpSigning.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public void Read_ReferenceServiceProviderRequest_ReadsEveryField()
    {
        var read = LogoutRequestXml.Read(Fixture(nameof(Read_ReferenceServiceProviderRequest_ReadsEveryField)), SamlLimits.Default).Message;

        Assert.Equal("_l1", read.Id);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 5, 0, 500, TimeSpan.Zero), read.NotOnOrAfter);
        Assert.Equal(TestParties.NameId, read.NameId);
        Assert.Equal(TestParties.SpEntityId, read.SpNameQualifier);
        Assert.Equal(["_s1", "_s2"], read.SessionIndexes);
    }

    [Fact]
    public void Read_TooManySessionIndexes_XmlSchemaViolation()
    {
        var request = LogoutFlow.Request(Now) with { SessionIndexes = [.. Enumerable.Range(0, 9).Select(i => $"_s{i}")] };

        var error = Assert.Throws<SamlException>(() => LogoutRequestXml.Read(LogoutRequestXml.Write(request), SamlLimits.Default));

        Assert.Equal(SamlErrorCode.XmlSchemaViolation, error.Code);
    }

    [Fact]
    public void Read_BaseIdInsteadOfNameId_IdentifierUnsupported() =>
        Assert.Equal(SamlErrorCode.IdentifierUnsupported, ReadError(nameof(Read_BaseIdInsteadOfNameId_IdentifierUnsupported)));

    [Fact]
    public void Read_EncryptedIdInsteadOfNameId_IdentifierUnsupported() =>
        Assert.Equal(SamlErrorCode.IdentifierUnsupported, ReadError(nameof(Read_EncryptedIdInsteadOfNameId_IdentifierUnsupported)));

    [Fact]
    public void Read_NoIdentifier_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_NoIdentifier_XmlSchemaViolation)));

    [Fact]
    public void Read_CommentInNameId_CommentInIdentityValue() =>
        // Comment truncation: a reader taking the first text node would log out "…/uuid/victim".
        Assert.Equal(SamlErrorCode.CommentInIdentityValue, ReadError(nameof(Read_CommentInNameId_CommentInIdentityValue)));

    [Fact]
    public void Read_ProcessingInstructionInSessionIndex_CommentInIdentityValue() =>
        Assert.Equal(SamlErrorCode.CommentInIdentityValue, ReadError(nameof(Read_ProcessingInstructionInSessionIndex_CommentInIdentityValue)));

    [Fact]
    public void Read_WithDoctype_XmlDtdProhibited() =>
        // XXE and entity expansion: DTDs are refused before parsing.
        Assert.Equal(SamlErrorCode.XmlDtdProhibited, ReadError(nameof(Read_WithDoctype_XmlDtdProhibited)));

    [Fact]
    public void Read_RootIsAuthnRequest_XmlUnexpectedRoot() =>
        Assert.Equal(SamlErrorCode.XmlUnexpectedRoot, ReadError(nameof(Read_RootIsAuthnRequest_XmlUnexpectedRoot)));

    [Fact]
    public void Read_DuplicateIds_DuplicateId() =>
        // Signature wrapping relies on two elements answering to one ID.
        Assert.Equal(SamlErrorCode.DuplicateId, ReadError(nameof(Read_DuplicateIds_DuplicateId)));

    [Fact]
    public void Read_SessionIndexBeforeNameId_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_SessionIndexBeforeNameId_XmlSchemaViolation)));

    [Fact]
    public void Read_VersionOnePointOne_VersionInvalid() =>
        Assert.Equal(SamlErrorCode.VersionInvalid, ReadError(nameof(Read_VersionOnePointOne_VersionInvalid)));

    [Fact]
    public void Read_NotOnOrAfterNotDateTime_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_NotOnOrAfterNotDateTime_XmlSchemaViolation)));
}
