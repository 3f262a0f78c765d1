using NemLogin.Grains.Assurance;
using NemLogin.Grains.LoginFlows;

namespace NemLogin.Gateway.Upstream;

/// <summary>
/// An identity provider the broker sends users to (MitID, simulated here; organisations' own SAML IdPs).
/// Every upstream is reached through this interface, so the login orchestration never knows which one it talks to.
/// </summary>
public interface IUpstreamIdentityProvider
{
    /// <summary>Short stable name used in routes and grain keys, e.g. <c>mitid</c>.</summary>
    string Name { get; }

    /// <summary>The upstream's issuer/entity id: the broker names it as AuthenticatingAuthority.</summary>
    string AuthorityId { get; }

    /// <summary>
    /// Prepares the browser's trip upstream for login flow <paramref name="flowId"/> (sent as OIDC <c>state</c>).
    /// The caller stores the returned nonce and PKCE verifier in the flow before redirecting. <paramref name="loginHint"/> is
    /// the party's hint of who logs in (OIDC <c>login_hint</c>), passed on where the upstream takes one.
    /// </summary>
    UpstreamChallenge CreateChallenge(string flowId, LevelOfAssurance requiredLoa, bool forceAuthn, string? loginHint = null);

    /// <summary>
    /// The challenge for the flow's upstream key <paramref name="upstream"/> (<see cref="Name"/>, or <c>{Name}:{which}</c>
    /// when one provider serves several IdPs, e.g. <c>org:{cvr}</c>); for upstreams whose challenge needs I/O (a signature
    /// from the signer pool). By default the synchronous <see cref="CreateChallenge"/>.
    /// </summary>
    ValueTask<UpstreamChallenge> CreateChallengeAsync(
        string upstream, string flowToken, LevelOfAssurance requiredLoa, bool forceAuthn, string? loginHint, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CreateChallenge(flowToken, requiredLoa, forceAuthn, loginHint));

    /// <summary>
    /// The flow token the upstream sent back: by default OIDC <c>state</c> in the callback's query; a SAML upstream reads
    /// the RelayState of its POSTed Response.
    /// </summary>
    ValueTask<string?> ReadFlowTokenAsync(HttpContext context) => ValueTask.FromResult<string?>(context.Request.Query["state"].ToString());

    /// <summary>
    /// Completes the login from the upstream's callback request (code exchange, ID token validation against the
    /// upstream's keys, nonce check). Throws <see cref="UpstreamException"/> with a stable code on any failure.
    /// </summary>
    Task<UpstreamAuthentication> CompleteAsync(HttpContext context, PendingLogin pending, CancellationToken cancellationToken);
}
