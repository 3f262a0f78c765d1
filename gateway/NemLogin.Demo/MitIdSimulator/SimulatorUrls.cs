using NemLogin.Gateway.Hosting;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>The simulator's own addresses. The issuer is the route group's absolute URL (OIDC Discovery 4.3: it must equal the discovery base).</summary>
internal sealed class SimulatorUrls(IBrokerUrls urls)
{
    public const string BasePath = "/mitid-sim";

    public string Issuer => urls.Absolute(BasePath);

    public string AuthorizationEndpoint => urls.Absolute(BasePath + "/authorize");

    public string TokenEndpoint => urls.Absolute(BasePath + "/token");

    public string JwksUri => urls.Absolute(BasePath + "/jwks");
}
