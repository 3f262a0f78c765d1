using System.Xml;

namespace NemLogin.Saml.Messages;

/// <summary>
/// A parsed message together with the document it came from, so that the signature check runs on the very element the
/// model was read from. Only the library's readers create one.
/// </summary>
public sealed class ReceivedMessage<T>
{
    internal ReceivedMessage(T message, XmlDocument document, XmlElement root, string sourceXml)
    {
        Message = message;
        Document = document;
        Root = root;
        SourceXml = sourceXml;
    }

    public T Message { get; }

    public XmlDocument Document { get; }

    public XmlElement Root { get; }

    /// <summary>The text that was parsed; a binding-level signature must cover exactly this.</summary>
    internal string SourceXml { get; }
}
