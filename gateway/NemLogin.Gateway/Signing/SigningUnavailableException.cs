namespace NemLogin.Gateway.Signing;

/// <summary>No signature can be made just now (pool overloaded, HSM recovering, key changed): the answer is 503, never an unsigned message.</summary>
internal sealed class SigningUnavailableException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
