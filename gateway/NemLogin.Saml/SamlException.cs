namespace NemLogin.Saml;

/// <summary>A SAML message was refused. <see cref="Code"/> is stable; the message explains it to an operator.</summary>
public sealed class SamlException : Exception
{
    public SamlException(SamlErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public SamlException(SamlErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Why the message was refused.</summary>
    public SamlErrorCode Code { get; }
}
