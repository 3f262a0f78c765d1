using System.Security.Cryptography.Xml;
using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Signatures;

/// <summary>Exclusive XML Canonicalization 1.0 without comments (xml-exc-c14n) of one element in its context.</summary>
internal static class ExclusiveCanonicalizer
{
    /// <summary>
    /// Canonical octets of <paramref name="element"/>, leaving out <paramref name="without"/> (the enveloped signature,
    /// XML-DSig 6.6.4). <paramref name="inclusivePrefixes"/> is the InclusiveNamespaces PrefixList, if any.
    /// </summary>
    public static byte[] Canonicalize(XmlElement element, XmlNode? without = null, string? inclusivePrefixes = null)
    {
        var document = DetachedElement.Copy(element, without);
        var transform = string.IsNullOrWhiteSpace(inclusivePrefixes)
            ? new XmlDsigExcC14NTransform(includeComments: false)
            : new XmlDsigExcC14NTransform(includeComments: false, inclusivePrefixes);
        transform.LoadInput(document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }
}
