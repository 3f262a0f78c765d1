using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Validation;
using Xunit;

namespace NemLogin.Saml.Tests.Messages;

public sealed class LogoutResponseXmlTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private static string Fixture(string test) => MessageFixtures.For<LogoutResponseXmlTests>(test);

    private static SamlErrorCode ReadError(string test) =>
        Assert.Throws<SamlException>(() => LogoutResponseXml.Read(Fixture(test), SamlLimits.Default)).Code;

    [Fact]
    public void Write_PartialLogout_RoundTripsThroughRead()
    {
        var response = LogoutFlow.Response(Now) with
        {
            SubStatusCode = SamlConstants.StatusCodes.PartialLogout,
            StatusMessage = "One participant did not answer.",
        };

        var read = LogoutResponseXml.Read(LogoutResponseXml.Write(response), SamlLimits.Default).Message;

        Assert.Equal(response.Id, read.Id);
        Assert.Equal("_logout-request-1", read.InResponseTo);
        Assert.Equal(Now, read.IssueInstant);
        Assert.Equal(LogoutFlow.SloUrl, read.Destination);
        Assert.Equal(TestParties.SpEntityId, read.Issuer);
        Assert.Equal(SamlConstants.StatusCodes.Success, read.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, read.SubStatusCode);
        Assert.Equal("One participant did not answer.", read.StatusMessage);
        Assert.True(read.IsSuccess);
        Assert.False(read.IsCompleteLogout);
    }

    [Fact]
    public void Write_Success_IsCompleteLogout()
    {
        var read = LogoutResponseXml.Read(LogoutResponseXml.Write(LogoutFlow.Response(Now)), SamlLimits.Default).Message;

        Assert.True(read.IsCompleteLogout);
        Assert.Null(read.SubStatusCode);
    }

    [Fact]
    public async Task WriteSignedAsync_Response_SignatureFollowsIssuerAndVerifies()
    {
        var xml = await LogoutResponseXml.WriteSignedAsync(LogoutFlow.Response(Now), TestParties.IdpSigner, TestContext.Current.CancellationToken);

        var received = LogoutResponseXml.Read(xml, SamlLimits.Default);
        var elements = received.Root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();
        Assert.Equal(["Issuer", "Signature", "Status"], elements);
        var verifiedBy = XmlSignatureVerifier.Verify(
            received.Root, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
        Assert.Equal(TestParties.Idp.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public void Read_PartialLogout_ReadsStatus()
    {
        var read = LogoutResponseXml.Read(Fixture(nameof(Read_PartialLogout_ReadsStatus)), SamlLimits.Default).Message;

        Assert.Equal("_r1", read.Id);
        Assert.Equal("_l1", read.InResponseTo);
        Assert.Equal(SamlConstants.StatusCodes.PartialLogout, read.SubStatusCode);
        Assert.Equal("One participant did not answer.", read.StatusMessage);
    }

    [Fact]
    public void Read_StatusMissing_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_StatusMissing_XmlSchemaViolation)));

    [Fact]
    public void Read_TwoStatuses_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_TwoStatuses_XmlSchemaViolation)));

    [Fact]
    public void Read_IdMissing_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_IdMissing_XmlSchemaViolation)));

    [Fact]
    public void Read_RootIsResponse_XmlUnexpectedRoot() =>
        Assert.Equal(SamlErrorCode.XmlUnexpectedRoot, ReadError(nameof(Read_RootIsResponse_XmlUnexpectedRoot)));

    [Fact]
    public void Read_CommentInIssuer_CommentInIdentityValue() =>
        // Comment truncation in the Issuer would let "https://sp.test/saml<!---->.evil.test" pass as the registered SP.
        Assert.Equal(SamlErrorCode.CommentInIdentityValue, ReadError(nameof(Read_CommentInIssuer_CommentInIdentityValue)));

    [Fact]
    public void Read_EntityExpansion_XmlDtdProhibited() =>
        Assert.Equal(SamlErrorCode.XmlDtdProhibited, ReadError(nameof(Read_EntityExpansion_XmlDtdProhibited)));
}
