using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Silo.Keys;

/// <summary>One parsed <c>keys</c> command.</summary>
internal sealed record KeysRequest(KeysVerb Verb, KeyPurpose Purpose, KeyRole Role, HsmKeyAlgorithm Algorithm, string? Subject, TimeSpan? Validity, string? SoPin)
{
    /// <summary>Reads the options the verb takes; <see cref="KeysArguments.Problem"/> says what was malformed.</summary>
    public static KeysRequest Parse(KeysVerb verb, KeysArguments arguments) => verb switch
    {
        KeysVerb.InitToken => new(verb, default, default, default, null, null, arguments.SoPin),
        KeysVerb.List => new(verb, default, default, default, null, null, null),
        KeysVerb.Generate => new(verb, arguments.Purpose(), arguments.Role(KeyRole.Current), arguments.Algorithm(), arguments.Subject(), arguments.Validity(), null),
        KeysVerb.IssueCert => new(verb, arguments.Purpose(), arguments.Role(KeyRole.Current), default, arguments.Subject(), arguments.Validity(), null),
        KeysVerb.Retire => new(verb, arguments.Purpose(), arguments.Role(KeyRole.Current), default, null, null, null),
        KeysVerb.Promote => new(verb, arguments.Purpose(), KeyRole.Next, default, null, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Unknown verb."),
    };
}
