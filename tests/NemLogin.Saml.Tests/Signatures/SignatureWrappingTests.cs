using System.Xml;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Tests.Support;
using Xunit;

namespace NemLogin.Saml.Tests.Signatures;

/// <summary>
/// XML Signature Wrapping (XSW, Somorovsky et al. 2012; the permutations of crewjam/saml TestXswPermutation*): the reader
/// reads one element and the verifier is handed that same element, so a signature elsewhere never vouches for it.
/// </summary>
public sealed class SignatureWrappingTests
{
    private const string EvilNameId = "https://data.gov.dk/model/core/eid/person/uuid/00000000-0000-0000-0000-000000000bad";

    [Fact]
    public async Task Xsw_EvilUnsignedAssertionBeforeSignedOne_RefusedWithSignatureMissing()
    {
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();
        var evil = EvilCopyWithoutSignature(SamlXml.Assertion(document), "_evil");
        document.DocumentElement!.InsertBefore(evil, SamlXml.Assertion(document));

        AssertRefused(SamlErrorCode.SignatureMissing, evil);
    }

    [Fact]
    public async Task Xsw_EvilAssertionWithSameIdBesideSignedOne_RefusedWithDuplicateId()
    {
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();
        var signed = SamlXml.Assertion(document);
        var evil = EvilCopyWithoutSignature(signed, SamlXml.AssertionId);
        document.DocumentElement!.InsertAfter(evil, signed);

        AssertRefused(SamlErrorCode.DuplicateId, signed);
    }

    [Fact]
    public async Task Xsw_SignedAssertionWrappedInsideEvilOne_RefusedWithSignaturePlacementInvalid()
    {
        // The evil assertion takes the signed one's ID and carries it inside; the signature is no direct child of what is read.
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();
        var signed = SamlXml.Assertion(document);
        var evil = EvilCopyWithoutSignature(signed, SamlXml.AssertionId);
        document.DocumentElement!.ReplaceChild(evil, signed);
        SamlXml.Child(evil, "Subject", SamlConstants.Namespaces.Assertion).AppendChild(signed);

        AssertRefused(SamlErrorCode.SignaturePlacementInvalid, evil);
    }

    [Fact]
    public async Task Xsw_SignatureMovedToEvilAssertionWithSameId_RefusedWithDuplicateId()
    {
        // The original assertion (unchanged, so its digest holds) hides inside the signature's Object; the evil one is read.
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();
        var signed = SamlXml.Assertion(document);
        var evil = EvilCopyWithoutSignature(signed, SamlXml.AssertionId);
        var signature = SamlXml.Signature(signed);
        evil.InsertAfter(signature, SamlXml.Issuer(evil));
        var holder = document.CreateElement("ds", "Object", SamlConstants.Namespaces.XmlDsig);
        signature.AppendChild(holder);
        document.DocumentElement!.ReplaceChild(evil, signed);
        holder.AppendChild(signed);

        AssertRefused(SamlErrorCode.DuplicateId, evil);
    }

    [Fact]
    public async Task Xsw_SignatureMovedToEvilAssertionWithOtherId_RefusedWithSignatureReferenceInvalid()
    {
        var document = await SignedSamples.ResponseWithSignedAssertionAsync();
        var signed = SamlXml.Assertion(document);
        var evil = EvilCopyWithoutSignature(signed, "_evil");
        evil.InsertAfter(SamlXml.Signature(signed), SamlXml.Issuer(evil));
        document.DocumentElement!.InsertBefore(evil, signed);

        AssertRefused(SamlErrorCode.SignatureReferenceInvalid, evil);
    }

    [Fact]
    public async Task Xsw_SignedResponseWrappedInEvilResponsesSignatureObject_RefusedWithSignatureReferenceInvalid()
    {
        // XSW1 on a signed response: a new root carries the original signature, the original response sits in ds:Object.
        var document = await SignedResponseAsync();
        var original = document.DocumentElement!;
        var evilDocument = new XmlDocument { PreserveWhitespace = true };
        var evil = (XmlElement)evilDocument.ImportNode(original, deep: true);
        evilDocument.AppendChild(evil);
        evil.SetAttribute("ID", "_evil");
        SamlXml.Assertion(evilDocument).SetAttribute("ID", "_evil-assertion");
        SamlXml.Select(evilDocument, "//saml:NameID").InnerText = EvilNameId;
        var signature = SamlXml.Signature(evil);
        var holder = evilDocument.CreateElement("ds", "Object", SamlConstants.Namespaces.XmlDsig);
        holder.AppendChild(evilDocument.ImportNode(original, deep: true));
        signature.AppendChild(holder);

        AssertRefused(SamlErrorCode.SignatureReferenceInvalid, evil);
    }

    [Fact]
    public async Task Xsw_SignedResponseWrappedInEvilResponseWithSameId_RefusedWithDuplicateId()
    {
        var document = await SignedResponseAsync();
        var original = document.DocumentElement!;
        var evilDocument = new XmlDocument { PreserveWhitespace = true };
        var evil = (XmlElement)evilDocument.ImportNode(original, deep: true);
        evilDocument.AppendChild(evil);
        SamlXml.Select(evilDocument, "//saml:NameID").InnerText = EvilNameId;
        var extensions = evilDocument.CreateElement("samlp", "Extensions", SamlConstants.Namespaces.Protocol);
        var copy = (XmlElement)evilDocument.ImportNode(original, deep: true);
        extensions.AppendChild(copy);
        evil.InsertAfter(extensions, SamlXml.Signature(evil));

        AssertRefused(SamlErrorCode.DuplicateId, evil);
    }

    [Fact]
    public async Task Xsw_SignedResponseMovedIntoExtensionsOfUnsignedEvilRoot_RefusedWithSignatureMissing()
    {
        var document = await SignedResponseAsync();
        var original = document.DocumentElement!;
        var evilDocument = new XmlDocument { PreserveWhitespace = true };
        var evil = (XmlElement)evilDocument.ImportNode(original, deep: true);
        evilDocument.AppendChild(evil);
        evil.SetAttribute("ID", "_evil");
        evil.RemoveChild(SamlXml.Signature(evil));
        var extensions = evilDocument.CreateElement("samlp", "Extensions", SamlConstants.Namespaces.Protocol);
        extensions.AppendChild(evilDocument.ImportNode(original, deep: true));
        evil.InsertAfter(extensions, SamlXml.Issuer(evil));

        AssertRefused(SamlErrorCode.SignatureMissing, evil);
    }

    private static async Task<XmlDocument> SignedResponseAsync()
    {
        var document = Fixtures.Response();
        var response = document.DocumentElement!;
        await XmlSignatureWriter.SignAsync(
            response, SamlXml.Issuer(response), new RsaSamlSigner(SignedSamples.IdpCertificate), TestContext.Current.CancellationToken);
        var received = SamlXml.Reparse(document);
        XmlSignatureVerifier.Verify(received.DocumentElement!, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now);
        return received;
    }

    private static XmlElement EvilCopyWithoutSignature(XmlElement signed, string id)
    {
        var evil = (XmlElement)signed.CloneNode(deep: true);
        evil.SetAttribute("ID", id);
        evil.RemoveChild(SamlXml.Signature(evil));
        var nameId = (XmlElement)evil.GetElementsByTagName("NameID", SamlConstants.Namespaces.Assertion)[0]!;
        nameId.InnerText = EvilNameId;
        return evil;
    }

    private static void AssertRefused(SamlErrorCode expected, XmlElement element)
    {
        var exception = Assert.Throws<SamlException>(
            () => XmlSignatureVerifier.Verify(element, SignedSamples.Trusted, SignaturePolicy.Default, SignedSamples.Now));
        Assert.Equal(expected, exception.Code);
    }
}
