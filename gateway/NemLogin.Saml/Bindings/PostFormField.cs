namespace NemLogin.Saml.Bindings;

/// <summary>A hidden field of an HTTP-POST binding page: a text value, or a SAML message sent as base64 (SAML Bindings 3.5.4).</summary>
public readonly record struct PostFormField
{
    private PostFormField(string name, string value, bool isMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        IsMessage = isMessage;
    }

    public string Name { get; }

    /// <summary>The text, or for a message its XML (encoded when written).</summary>
    public string Value { get; }

    public bool IsMessage { get; }

    public static PostFormField Text(string name, string value) => new(name, value, isMessage: false);

    /// <summary>SAMLRequest or SAMLResponse: the page carries the base64 of the XML's UTF-8 octets.</summary>
    public static PostFormField Message(string name, string xml) => new(name, xml, isMessage: true);
}
