using Microsoft.AspNetCore.Http;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.LoginFlows;

namespace NemLogin.Gateway.Tests.Sessions;

/// <summary>
/// MitID as it would behave if it ignored <c>prompt=login</c> and answered from a login of its own ten minutes earlier: the
/// real simulator round trip, with the <c>auth_time</c> moved back.
/// </summary>
internal sealed class EarlierLoginUpstream(MitIdUpstreamProvider real) : IUpstreamIdentityProvider
{
    public string Name => real.Name;

    public string AuthorityId => real.AuthorityId;

    public UpstreamChallenge CreateChallenge(string flowId, LevelOfAssurance requiredLoa, bool forceAuthn, string? loginHint = null) =>
        real.CreateChallenge(flowId, requiredLoa, forceAuthn, loginHint);

    public async Task<UpstreamAuthentication> CompleteAsync(HttpContext context, PendingLogin pending, CancellationToken cancellationToken)
    {
        var authentication = await real.CompleteAsync(context, pending, cancellationToken);
        return authentication with { AuthnInstant = authentication.AuthnInstant.AddMinutes(-10) };
    }
}
