using NemLogin.Saml.Messages;

namespace NemLogin.Saml.Validation;

/// <summary>
/// What the validator decided about a trusted AuthnRequest: accepted (the broker may log the person in), or refused with a
/// SAML status for the service provider. A request that cannot be trusted never gets a verdict: the validator throws.
/// </summary>
public sealed class AuthnRequestVerdict
{
    private readonly Valid<ValidatedAuthnRequest>? _accepted;
    private readonly Valid<RefusedAuthnRequest>? _refused;

    internal AuthnRequestVerdict(Valid<ValidatedAuthnRequest> accepted)
    {
        _accepted = accepted;
        Request = accepted.Value.Request;
    }

    internal AuthnRequestVerdict(Valid<RefusedAuthnRequest> refused)
    {
        _refused = refused;
        Request = refused.Value.Request;
    }

    /// <summary>The request, whichever the verdict: its ID is what a replay record and the answer's InResponseTo name.</summary>
    public AuthnRequest Request { get; }

    /// <summary>Runs <paramref name="accepted"/> or <paramref name="refused"/>, so no caller can act on a refused request as if accepted.</summary>
    public T Match<T>(Func<Valid<ValidatedAuthnRequest>, T> accepted, Func<Valid<RefusedAuthnRequest>, T> refused)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(refused);
        return _accepted is not null ? accepted(_accepted) : refused(_refused!);
    }
}
