using NemLogin.Grains.Assurance;
using NemLogin.Grains.LoginFlows;

namespace NemLogin.Gateway.Upstream;

/// <summary>
/// An identity provider the broker sends users to (MitID, simulated here; later organisations' own IdPs).
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
    /// The caller stores the returned nonce and PKCE verifier in the flow before redirecting.
    /// </summary>
    UpstreamChallenge CreateChallenge(string flowId, LevelOfAssurance requiredLoa, bool forceAuthn);

    /// <summary>
    /// Completes the login from the upstream's callback request (code exchange, ID token validation against the
    /// upstream's keys, nonce check). Throws <see cref="UpstreamException"/> with a stable code on any failure.
    /// </summary>
    Task<UpstreamAuthentication> CompleteAsync(HttpContext context, PendingLogin pending, CancellationToken cancellationToken);
}
