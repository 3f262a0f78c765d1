namespace NemLogin.Gateway.Signing;

/// <summary>The signer pool signed with another key than the one whose certificate the message names; retry.</summary>
internal sealed class SigningKeyChangedException(string expected, string actual)
    : Exception($"The signer pool signed with key {actual}, expected {expected}.");
