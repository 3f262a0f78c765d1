using System.Xml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Tests.Support;
using NemLogin.Saml.Validation;
using NemLogin.Saml.Xml;
using Xunit;

namespace NemLogin.Saml.Tests.Messages;

public sealed class ResponseXmlTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());

    private static string Fixture(string test) => MessageFixtures.For<ResponseXmlTests>(test);

    private static SamlErrorCode ReadError(string test) =>
        Assert.Throws<SamlException>(() => ResponseXml.Read(Fixture(test), SamlLimits.Default)).Code;

    private static Task<string> WriteSuccessAsync(AssertionDescriptor assertion, EncryptionTarget target, bool signResponse = false) =>
        ResponseXml.WriteSuccessAsync(
            "_response-1", assertion, target, TestParties.IdpSigner, signResponse, TestContext.Current.CancellationToken);

    private static XmlDocument DecryptedAssertion(string responseXml) =>
        SafeXml.Load(
            ResponseValidator.DecryptAssertionUnvalidated(responseXml, [TestParties.SpEncryption], SamlLimits.Default),
            SamlLimits.Default);

    [Fact]
    public async Task WriteErrorAsync_NoPassive_ReadsTopAndSecondLevelStatus()
    {
        var xml = await ResponseXml.WriteErrorAsync(
            "_error-1", TestParties.IdpEntityId, TestParties.AcsUrl, "_request-1", Now,
            SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoPassive, null, null,
            TestContext.Current.CancellationToken);

        var read = ResponseXml.Read(xml, SamlLimits.Default);

        Assert.Equal("_error-1", read.Message.Id);
        Assert.Equal(TestParties.IdpEntityId, read.Message.Issuer);
        Assert.Equal(TestParties.AcsUrl, read.Message.Destination);
        Assert.Equal("_request-1", read.Message.InResponseTo);
        Assert.Equal(Now, read.Message.IssueInstant);
        Assert.Equal(SamlConstants.StatusCodes.Responder, read.Message.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.NoPassive, read.Message.SubStatusCode);
        Assert.Null(read.Message.StatusMessage);
        Assert.False(XmlSignatureVerifier.HasSignature(read.Root));
    }

    [Fact]
    public async Task WriteErrorAsync_NoAuthnContextWithSigner_SignedAndReadsMessage()
    {
        var xml = await ResponseXml.WriteErrorAsync(
            "_error-2", TestParties.IdpEntityId, TestParties.AcsUrl, "_request-1", Now,
            SamlConstants.StatusCodes.Responder, SamlConstants.StatusCodes.NoAuthnContext, "Level High is not available",
            TestParties.IdpSigner, TestContext.Current.CancellationToken);

        var read = ResponseXml.Read(xml, SamlLimits.Default);

        Assert.Equal(SamlConstants.StatusCodes.NoAuthnContext, read.Message.SubStatusCode);
        Assert.Equal("Level High is not available", read.Message.StatusMessage);
        XmlSignatureVerifier.Verify(read.Root, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task WriteSuccessAsync_Default_OneEncryptedAssertionAndUnsignedResponse()
    {
        var xml = await WriteSuccessAsync(TestParties.Assertion(Now), TestParties.GcmTarget);

        var read = ResponseXml.Read(xml, SamlLimits.Default);
        var children = read.Root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();

        // OIOSAML 3.0.3: the Response SHOULD NOT be signed, and carries exactly one EncryptedAssertion.
        Assert.Equal(["Issuer", "Status", "EncryptedAssertion"], children);
        Assert.Equal(SamlConstants.StatusCodes.Success, read.Message.StatusCode);
        Assert.Equal(TestParties.AcsUrl, read.Message.Destination);
        Assert.Equal("_request-1", read.Message.InResponseTo);
        Assert.DoesNotContain(TestParties.NameId, xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep)]
    [InlineData(SamlConstants.Algorithms.Aes256Cbc, SamlConstants.Algorithms.RsaOaepMgf1p)]
    public async Task WriteSuccessAsync_EncryptionTarget_UsesItsAlgorithms(string dataAlgorithm, string keyAlgorithm)
    {
        var target = new EncryptionTarget(TestParties.PublicOnly(TestParties.SpEncryption), dataAlgorithm, keyAlgorithm);

        var xml = await WriteSuccessAsync(TestParties.Assertion(Now), target);

        var document = SafeXml.Load(xml, SamlLimits.Default);
        var methods = document.GetElementsByTagName("EncryptionMethod", SamlConstants.Namespaces.XmlEnc)
            .OfType<XmlElement>().Select(e => e.GetAttribute("Algorithm")).ToList();
        Assert.Contains(dataAlgorithm, methods);
        Assert.Contains(keyAlgorithm, methods);
        Assert.Equal("Assertion", DecryptedAssertion(xml).DocumentElement!.LocalName);
    }

    [Fact]
    public async Task WriteSuccessAsync_SignResponse_ResponseSignatureFollowsIssuerAndVerifies()
    {
        var xml = await WriteSuccessAsync(TestParties.Assertion(Now), TestParties.GcmTarget, signResponse: true);

        var read = ResponseXml.Read(xml, SamlLimits.Default);
        var children = read.Root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();
        Assert.Equal(["Issuer", "Signature", "Status", "EncryptedAssertion"], children);
        XmlSignatureVerifier.Verify(read.Root, [TestParties.PublicOnly(TestParties.Idp)], SignaturePolicy.Default, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task WriteSuccessAsync_Assertion_HasOioSamlShape()
    {
        var xml = await WriteSuccessAsync(TestParties.Assertion(Now) with { Id = "_assertion-given" }, TestParties.GcmTarget);

        var assertion = DecryptedAssertion(xml);
        var root = assertion.DocumentElement!;
        var at = (string xpath) => SamlXml.Select(assertion, xpath);

        Assert.Equal("_assertion-given", root.GetAttribute("ID"));
        Assert.Equal(
            ["Issuer", "Signature", "Subject", "Conditions", "AuthnStatement", "AttributeStatement"],
            root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName));
        Assert.Equal(SamlConstants.NameIdFormats.Persistent, at("/saml:Assertion/saml:Subject/saml:NameID").GetAttribute("Format"));
        Assert.Equal(TestParties.NameId, at("/saml:Assertion/saml:Subject/saml:NameID").InnerText);
        Assert.Equal(SamlConstants.BearerConfirmation, at("//saml:SubjectConfirmation").GetAttribute("Method"));
        var data = at("//saml:SubjectConfirmationData");
        Assert.Equal(TestParties.AcsUrl, data.GetAttribute("Recipient"));
        Assert.Equal("_request-1", data.GetAttribute("InResponseTo"));
        Assert.Equal(Format(Now.AddMinutes(5)), data.GetAttribute("NotOnOrAfter"));
        Assert.False(data.HasAttribute("NotBefore"));
        Assert.Equal(Format(Now), at("//saml:Conditions").GetAttribute("NotBefore"));
        Assert.Equal(Format(Now.AddMinutes(30)), at("//saml:Conditions").GetAttribute("NotOnOrAfter"));
        Assert.Equal(TestParties.SpEntityId, at("//saml:AudienceRestriction/saml:Audience").InnerText);
        var authn = at("//saml:AuthnStatement");
        Assert.Equal("_session-1", authn.GetAttribute("SessionIndex"));
        Assert.Equal(Format(Now.AddSeconds(-30)), authn.GetAttribute("AuthnInstant"));
        Assert.Equal(Format(Now.AddHours(8)), authn.GetAttribute("SessionNotOnOrAfter"));
        Assert.Equal(SamlConstants.OioSaml.NsisAuthnContextClassRef, at("//saml:AuthnContextClassRef").InnerText);
        Assert.Equal("https://mitid.test/idp", at("//saml:AuthenticatingAuthority").InnerText);
    }

    [Fact]
    public async Task WriteSuccessAsync_Attributes_UriNameFormatAndStringValues()
    {
        var xml = await WriteSuccessAsync(TestParties.Assertion(Now), TestParties.GcmTarget);

        var assertion = DecryptedAssertion(xml);
        var attributes = assertion.GetElementsByTagName("Attribute", SamlConstants.Namespaces.Assertion).OfType<XmlElement>().ToList();
        var values = assertion.GetElementsByTagName("AttributeValue", SamlConstants.Namespaces.Assertion).OfType<XmlElement>().ToList();

        Assert.Equal(4, attributes.Count);
        Assert.All(attributes, a => Assert.Equal(SamlConstants.AttributeNameFormatUri, a.GetAttribute("NameFormat")));
        Assert.Equal(5, values.Count);
        Assert.All(values, v =>
        {
            Assert.Equal("xs:string", v.GetAttribute("type", SamlConstants.Namespaces.XmlSchemaInstance));
            Assert.Equal(SamlConstants.Namespaces.XmlSchema, v.GetNamespaceOfPrefix("xs"));
        });
    }

    [Fact]
    public async Task WriteSuccessAsync_NoAttributes_StillOneAttributeStatement()
    {
        var xml = await WriteSuccessAsync(TestParties.Assertion(Now) with { Attributes = [] }, TestParties.GcmTarget);

        var statements = DecryptedAssertion(xml).GetElementsByTagName("AttributeStatement", SamlConstants.Namespaces.Assertion);

        Assert.Equal(1, statements.Count);
    }

    [Fact]
    public async Task WriteSuccessAsync_NoAssertionId_GeneratesFreshIds()
    {
        var first = DecryptedAssertion(await WriteSuccessAsync(TestParties.Assertion(Now), TestParties.GcmTarget));
        var second = DecryptedAssertion(await WriteSuccessAsync(TestParties.Assertion(Now), TestParties.GcmTarget));

        Assert.Matches("^_[0-9a-f]{32}$", first.DocumentElement!.GetAttribute("ID"));
        Assert.NotEqual(first.DocumentElement.GetAttribute("ID"), second.DocumentElement!.GetAttribute("ID"));
    }

    [Fact]
    public async Task WriteSuccessAsync_Assertion_VerifiesWithXmlsec1AndFailsWhenTampered()
    {
        Assert.SkipUnless(Xmlsec1.IsInstalled, "xmlsec1 is not installed (apt-get install xmlsec1).");
        var ct = TestContext.Current.CancellationToken;
        var xml = await WriteSuccessAsync(TestParties.Assertion(Now), TestParties.CbcTarget);
        var assertion = ResponseValidator.DecryptAssertionUnvalidated(xml, [TestParties.SpEncryption], SamlLimits.Default);

        var genuine = await Xmlsec1.VerifyAssertionAsync(assertion, TestParties.PublicOnly(TestParties.Idp), ct);
        var tampered = await Xmlsec1.VerifyAssertionAsync(
            assertion.Replace("Substantial", "High", StringComparison.Ordinal), TestParties.PublicOnly(TestParties.Idp), ct);

        Assert.Equal(0, genuine);
        Assert.NotEqual(0, tampered);
    }

    [Fact]
    public void Read_ReferenceErrorResponse_ReadsStatus()
    {
        var response = ResponseXml.Read(Fixture(nameof(Read_ReferenceErrorResponse_ReadsStatus)), SamlLimits.Default).Message;

        Assert.Equal("_r1", response.Id);
        Assert.Equal(SamlConstants.StatusCodes.Responder, response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.NoAuthnContext, response.SubStatusCode);
        Assert.Equal("Level of assurance not available", response.StatusMessage);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), response.IssueInstant);
    }

    [Fact]
    public void Read_RootIsAssertion_XmlUnexpectedRoot() =>
        Assert.Equal(SamlErrorCode.XmlUnexpectedRoot, ReadError(nameof(Read_RootIsAssertion_XmlUnexpectedRoot)));

    [Fact]
    public void Read_VersionTwoPointOne_VersionInvalid() =>
        Assert.Equal(SamlErrorCode.VersionInvalid, ReadError(nameof(Read_VersionTwoPointOne_VersionInvalid)));

    [Fact]
    public void Read_IdMissing_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_IdMissing_XmlSchemaViolation)));

    [Fact]
    public void Read_StatusMissing_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_StatusMissing_XmlSchemaViolation)));

    [Fact]
    public void Read_StatusCodeWithoutValue_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_StatusCodeWithoutValue_XmlSchemaViolation)));

    [Fact]
    public void Read_EncryptedAssertionWithoutEncryptedData_XmlSchemaViolation() =>
        Assert.Equal(
            SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_EncryptedAssertionWithoutEncryptedData_XmlSchemaViolation)));

    [Fact]
    public void Read_AssertionBeforeStatus_XmlSchemaViolation() =>
        Assert.Equal(SamlErrorCode.XmlSchemaViolation, ReadError(nameof(Read_AssertionBeforeStatus_XmlSchemaViolation)));

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
