using System.Security.Cryptography.X509Certificates;
using System.Xml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Signatures;

/// <summary>One test per rule of <see cref="XmlSignatureVerifier.Verify"/> (docs/security.md, SAML received messages).</summary>
public sealed class XmlSignatureVerifierTests
{
    [Fact]
    public void Verify_Unsigned_RefusedWithSignatureMissing()
    {
        var document = Fixtures.Assertion();

        AssertRefused(SamlErrorCode.SignatureMissing, document.DocumentElement!);
    }

    [Fact]
    public async Task Verify_SignatureNotDirectChild_RefusedWithSignaturePlacementInvalid()
    {
        // Signature wrapping: the signature over the element is tucked into a descendant (here Subject).
        var document = await SignedSamples.AssertionAsync();
        var assertion = document.DocumentElement!;
        var signature = SamlXml.Signature(assertion);
        SamlXml.Child(assertion, "Subject", SamlConstants.Namespaces.Assertion).AppendChild(signature);

        AssertRefused(SamlErrorCode.SignaturePlacementInvalid, assertion);
    }

    [Fact]
    public async Task Verify_TwoSignatures_RefusedWithSignaturePlacementInvalid()
    {
        var document = await SignedSamples.AssertionAsync();
        var assertion = document.DocumentElement!;
        var signature = SamlXml.Signature(assertion);
        assertion.InsertAfter(signature.CloneNode(deep: true), signature);

        AssertRefused(SamlErrorCode.SignaturePlacementInvalid, assertion);
    }

    [Theory]
    [InlineData("ID")]
    [InlineData("Id")]
    [InlineData("id")]
    public async Task Verify_DuplicateIdElsewhereInDocument_RefusedWithDuplicateId(string attributeName)
    {
        // The copy sits outside the signed assertion, so the signature itself still holds: only the ID rule stops it.
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();
        var copy = document.CreateElement("samlp", "Extensions", SamlConstants.Namespaces.Protocol);
        copy.SetAttribute(attributeName, SamlXml.AssertionId);
        document.DocumentElement!.InsertAfter(copy, SamlXml.Issuer(document.DocumentElement));

        AssertRefused(SamlErrorCode.DuplicateId, SamlXml.Assertion(document));
    }

    [Fact]
    public async Task Verify_TwoSignedInfos_RefusedWithSignedInfoInvalid()
    {
        var document = await SignedSamples.AssertionAsync();
        var signedInfo = SamlXml.Select(document, "/saml:Assertion/ds:Signature/ds:SignedInfo");
        signedInfo.ParentNode!.InsertAfter(signedInfo.CloneNode(deep: true), signedInfo);

        AssertRefused(SamlErrorCode.SignedInfoInvalid, document.DocumentElement!);
    }

    [Fact]
    public void Verify_CanonicalizationWithComments_RefusedWithSignatureTransformNotAllowed()
    {
        var document = Fixtures.Assertion();
        new AttackerSignature { CanonicalizationMethod = SamlConstants.Algorithms.ExclusiveC14NWithComments }
            .Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());

        AssertRefused(SamlErrorCode.SignatureTransformNotAllowed, document.DocumentElement!);
    }

    [Fact]
    public async Task Verify_TwoReferences_RefusedWithSignatureReferenceInvalid()
    {
        var document = await SignedSamples.AssertionAsync();
        var reference = SamlXml.Select(document, "/saml:Assertion/ds:Signature/ds:SignedInfo/ds:Reference");
        reference.ParentNode!.AppendChild(reference.CloneNode(deep: true));

        AssertRefused(SamlErrorCode.SignatureReferenceInvalid, document.DocumentElement!);
    }

    [Fact]
    public void Verify_ReferenceToAnotherElementsId_RefusedWithSignatureReferenceInvalid()
    {
        // A valid signature by the trusted key over the assertion, placed on the response, must not vouch for the response.
        var document = Fixtures.Response();
        var response = document.DocumentElement!;
        new AttackerSignature { ReferenceUri = "#" + SamlXml.AssertionId }.Sign(response, SignedSamples.IdpCertificate.GetRSAPrivateKey());

        AssertRefused(SamlErrorCode.SignatureReferenceInvalid, response);
    }

    [Fact]
    public void Verify_EmptyReferenceUriForWholeDocument_RefusedWithSignatureReferenceInvalid()
    {
        var document = Fixtures.Assertion();
        new AttackerSignature { ReferenceUri = string.Empty }.Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());

        AssertRefused(SamlErrorCode.SignatureReferenceInvalid, document.DocumentElement!);
    }

    [Theory]
    [InlineData(SamlConstants.Algorithms.ExclusiveC14NWithComments)]
    [InlineData("http://www.w3.org/TR/1999/REC-xpath-19991116")]
    [InlineData("http://www.w3.org/TR/1999/REC-xslt-19991116")]
    [InlineData("http://www.w3.org/2000/09/xmldsig#base64")]
    [InlineData("http://www.w3.org/TR/2001/REC-xml-c14n-20010315")]
    public async Task Verify_TransformOutsideEnvelopedAndExcC14n_RefusedWithSignatureTransformNotAllowed(string algorithm)
    {
        var document = await SignedSamples.AssertionAsync();
        var transform = SamlXml.Select(document, "//ds:Reference/ds:Transforms/ds:Transform[2]");
        transform.SetAttribute("Algorithm", algorithm);

        AssertRefused(SamlErrorCode.SignatureTransformNotAllowed, document.DocumentElement!);
    }

    [Fact]
    public async Task Verify_ExtraTransform_RefusedWithSignatureTransformNotAllowed()
    {
        var document = await SignedSamples.AssertionAsync();
        var transform = SamlXml.Select(document, "//ds:Reference/ds:Transforms/ds:Transform[2]");
        var xpath = (XmlElement)transform.CloneNode(deep: false);
        xpath.SetAttribute("Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116");
        transform.ParentNode!.AppendChild(xpath);

        AssertRefused(SamlErrorCode.SignatureTransformNotAllowed, document.DocumentElement!);
    }

    [Fact]
    public void Verify_XPathTransformSignedByTrustedKey_RefusedWithSignatureTransformNotAllowed()
    {
        var document = Fixtures.Assertion();
        new AttackerSignature
        {
            Transforms = () => [new System.Security.Cryptography.Xml.XmlDsigEnvelopedSignatureTransform(), XPathTransform()],
        }.Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());

        AssertRefused(SamlErrorCode.SignatureTransformNotAllowed, document.DocumentElement!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verify_Sha1Digest_RefusedWithDigestAlgorithmNotAllowedEvenWhenPolicyListsIt(bool policyListsSha1)
    {
        var document = Fixtures.Assertion();
        new AttackerSignature { DigestMethod = SamlConstants.Algorithms.Sha1 }
            .Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());
        var policy = policyListsSha1
            ? SignaturePolicy.Default with { AllowedDigestAlgorithms = new HashSet<string> { SamlConstants.Algorithms.Sha1 } }
            : SignaturePolicy.Default;

        AssertRefused(SamlErrorCode.DigestAlgorithmNotAllowed, document.DocumentElement!, policy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Verify_RsaSha1Signature_RefusedWithSignatureAlgorithmNotAllowedEvenWhenPolicyListsIt(bool policyListsSha1)
    {
        var document = Fixtures.Assertion();
        new AttackerSignature { SignatureMethod = SamlConstants.Algorithms.RsaSha1 }
            .Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());
        var policy = policyListsSha1
            ? SignaturePolicy.Default with { AllowedSignatureAlgorithms = new HashSet<string> { SamlConstants.Algorithms.RsaSha1 } }
            : SignaturePolicy.Default;

        AssertRefused(SamlErrorCode.SignatureAlgorithmNotAllowed, document.DocumentElement!, policy);
    }

    [Fact]
    public void Verify_HmacKeyedWithPublicCertificate_RefusedWithSignatureAlgorithmNotAllowed()
    {
        // HMAC key confusion: the "secret" is the trusted certificate every party can read.
        var document = Fixtures.Assertion();
        new AttackerSignature().Sign(document.DocumentElement!, key: null, hmacKey: SignedSamples.IdpCertificate.RawData);
        var policy = SignaturePolicy.Default with { AllowedSignatureAlgorithms = new HashSet<string> { SamlConstants.Algorithms.HmacSha1 } };

        AssertRefused(SamlErrorCode.SignatureAlgorithmNotAllowed, document.DocumentElement!, policy);
    }

    [Fact]
    public async Task Verify_SignatureAlgorithmOutsidePolicy_RefusedWithSignatureAlgorithmNotAllowed()
    {
        var document = await SignedSamples.AssertionAsync();
        var policy = SignaturePolicy.Default with { AllowedSignatureAlgorithms = new HashSet<string> { SamlConstants.Algorithms.RsaSha512 } };

        AssertRefused(SamlErrorCode.SignatureAlgorithmNotAllowed, document.DocumentElement!, policy);
    }

    [Fact]
    public async Task Verify_DigestAlgorithmOutsidePolicy_RefusedWithDigestAlgorithmNotAllowed()
    {
        var document = await SignedSamples.AssertionAsync();
        var policy = SignaturePolicy.Default with { AllowedDigestAlgorithms = new HashSet<string> { SamlConstants.Algorithms.Sha512 } };

        AssertRefused(SamlErrorCode.DigestAlgorithmNotAllowed, document.DocumentElement!, policy);
    }

    [Fact]
    public async Task Verify_AttackerKeyWithOwnCertificateInKeyInfo_RefusedWithSignatureKeyUntrusted()
    {
        // KeyInfo never adds trust: a perfect signature by a key that is not registered is refused.
        using var attacker = TestCertificates.CreateRsa("attacker.example.test");
        var document = await SignedSamples.AssertionAsync(new RsaSamlSigner(attacker));

        AssertRefused(SamlErrorCode.SignatureKeyUntrusted, document.DocumentElement!);
    }

    [Fact]
    public void Verify_AttackerKeyWithTrustedCertificateInKeyInfo_RefusedWithSignatureInvalid()
    {
        using var attacker = TestCertificates.CreateRsa("attacker.example.test");
        var document = Fixtures.Assertion();
        new AttackerSignature { KeyInfoCertificate = SignedSamples.IdpCertificate }.Sign(document.DocumentElement!, attacker.GetRSAPrivateKey());

        AssertRefused(SamlErrorCode.SignatureInvalid, document.DocumentElement!);
    }

    [Fact]
    public async Task Verify_RegisteredRsa1024Key_RefusedWithSignatureKeyTooSmall()
    {
        // Weak keys: a key registered before the minimum was enforced still cannot vouch for a message.
        using var weak = TestCertificates.CreateRsa("weak.example.test", bits: 1024);
        var document = await SignedSamples.AssertionAsync(new RsaSamlSigner(weak));

        var exception = Assert.Throws<SamlException>(() => XmlSignatureVerifier.Verify(
            document.DocumentElement!, [X509CertificateLoader.LoadCertificate(weak.RawData)], SignaturePolicy.Default, SignedSamples.Now));

        Assert.Equal(SamlErrorCode.SignatureKeyTooSmall, exception.Code);
    }

    [Fact]
    public async Task Verify_EcdsaP256Key_Verifies()
    {
        using var signer = new EcdsaTestSigner("ec.example.test");
        var document = await SignedSamples.AssertionAsync(signer);

        var verifiedBy = XmlSignatureVerifier.Verify(document.DocumentElement!, [signer.Certificate], SignaturePolicy.Default, SignedSamples.Now);

        Assert.Same(signer.Certificate, verifiedBy);
    }

    [Fact]
    public async Task Verify_NoTrustedCertificates_RefusedWithSignatureKeyUntrusted()
    {
        var document = await SignedSamples.AssertionAsync();

        var exception = Assert.Throws<SamlException>(
            () => XmlSignatureVerifier.Verify(document.DocumentElement!, [], SignaturePolicy.Default, SignedSamples.Now));

        Assert.Equal(SamlErrorCode.SignatureKeyUntrusted, exception.Code);
    }

    [Theory]
    [InlineData(-2, -1)]
    [InlineData(1, 2)]
    public async Task Verify_TrustedCertificateOutsideValidity_RefusedWithSignatureCertificateExpired(int fromDays, int toDays)
    {
        var now = SignedSamples.Now;
        using var certificate = TestCertificates.CreateRsa("idp.example.test", notBefore: now.AddDays(fromDays), notAfter: now.AddDays(toDays));
        var document = await SignedSamples.AssertionAsync(new RsaSamlSigner(certificate));

        var exception = Assert.Throws<SamlException>(
            () => XmlSignatureVerifier.Verify(document.DocumentElement!, [certificate], SignaturePolicy.Default, now));

        Assert.Equal(SamlErrorCode.SignatureCertificateExpired, exception.Code);
    }

    [Fact]
    public async Task Verify_RolloverWithExpiredAndCurrentCertificates_ReturnsTheCurrentOne()
    {
        var now = SignedSamples.Now;
        using var expired = TestCertificates.CreateRsa("old.idp.example.test", notBefore: now.AddDays(-10), notAfter: now.AddDays(-1));
        var document = await SignedSamples.AssertionAsync();

        var verifiedBy = XmlSignatureVerifier.Verify(
            document.DocumentElement!, [expired, SignedSamples.IdpCertificate], SignaturePolicy.Default, now);

        Assert.Equal(SignedSamples.IdpCertificate.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public async Task Verify_TamperedNameId_RefusedWithSignatureInvalid()
    {
        var document = await SignedSamples.AssertionAsync();
        SamlXml.Select(document, "//saml:NameID").InnerText = "https://data.gov.dk/model/core/eid/person/uuid/00000000-0000-0000-0000-000000000000";

        AssertRefused(SamlErrorCode.SignatureInvalid, document.DocumentElement!);
    }

    [Fact]
    public async Task Verify_TamperedSignedInfo_RefusedWithSignatureInvalid()
    {
        var document = await SignedSamples.AssertionAsync();
        SamlXml.Select(document, "//ds:SignatureMethod").SetAttribute("Algorithm", SamlConstants.Algorithms.RsaSha512);

        AssertRefused(SamlErrorCode.SignatureInvalid, document.DocumentElement!);
    }

    [Fact]
    public void Verify_SignedXmlSignatureWithoutKeyInfo_VerifiesWithTrustedCertificate()
    {
        // Interoperability with another implementation; the key comes from the trusted list alone.
        var document = SamlXml.Reparse(SignWithSignedXml(Fixtures.Assertion()));

        var verifiedBy = XmlSignatureVerifier.Verify(document.DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);

        Assert.Equal(SignedSamples.IdpCertificate.Thumbprint, verifiedBy.Thumbprint);
    }

    [Fact]
    public void Verify_InclusiveNamespacesPrefixList_Verifies()
    {
        // Shibboleth-style signers keep xs (used only inside xsi:type values) with an InclusiveNamespaces PrefixList.
        var document = Fixtures.Assertion();
        new AttackerSignature
        {
            Transforms = () => [new System.Security.Cryptography.Xml.XmlDsigEnvelopedSignatureTransform(), new System.Security.Cryptography.Xml.XmlDsigExcC14NTransform("xs")],
        }.Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());
        var received = SamlXml.Reparse(document);

        XmlSignatureVerifier.Verify(received.DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
    }

    private static XmlDocument SignWithSignedXml(XmlDocument document)
    {
        new AttackerSignature().Sign(document.DocumentElement!, SignedSamples.IdpCertificate.GetRSAPrivateKey());
        return document;
    }

    private static System.Security.Cryptography.Xml.XmlDsigXPathTransform XPathTransform()
    {
        var holder = new XmlDocument();
        holder.LoadXml($"<XPath xmlns:ds=\"{SamlConstants.Namespaces.XmlDsig}\">not(ancestor-or-self::ds:Signature)</XPath>");
        var transform = new System.Security.Cryptography.Xml.XmlDsigXPathTransform();
        transform.LoadInnerXml(holder.ChildNodes);
        return transform;
    }

    private static void AssertRefused(SamlErrorCode expected, XmlElement element, SignaturePolicy? policy = null)
    {
        var exception = Assert.Throws<SamlException>(
            () => XmlSignatureVerifier.Verify(element, SignedSamples.Trusted, policy ?? SignaturePolicy.Default, SignedSamples.Now));
        Assert.Equal(expected, exception.Code);
    }
}
