namespace NemLogin.Saml;

/// <summary>
/// A message that passed every validator rule. Only the library's validators create one, so code that takes a
/// <see cref="Valid{T}"/> cannot act on an unchecked message.
/// </summary>
public sealed class Valid<T>
{
    internal Valid(T value)
    {
        Value = value;
    }

    public T Value { get; }
}
