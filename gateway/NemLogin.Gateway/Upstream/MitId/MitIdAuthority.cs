using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>Where MitID is: the configured authority, or the simulator embedded in this broker.</summary>
internal sealed class MitIdAuthority(IOptions<MitIdUpstreamOptions> options, IBrokerUrls urls)
{
    /// <summary>The issuer, exactly as the ID tokens and the callback's <c>iss</c> must name it.</summary>
    public string Issuer => options.Value.Authority ?? urls.Absolute(MitIdUpstreamOptions.EmbeddedSimulatorPath);

    /// <summary>OIDC Discovery 4: the issuer without a trailing slash, then the well-known path.</summary>
    public Uri DiscoveryUri => new(Issuer.TrimEnd('/') + "/.well-known/openid-configuration");

    public string AuthorizationEndpoint => options.Value.AuthorizationEndpoint ?? Issuer.TrimEnd('/') + "/authorize";

    public string RedirectUri => urls.Absolute("/upstream/mitid/callback");
}
