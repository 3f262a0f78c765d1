using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Tests.Support;

internal static class Resources
{
    /// <summary>Resources for scenarios that make no HTTP call.</summary>
    public static RunResources WithoutBroker() =>
        new(new Uri("https://idp.test/"), new BrokerIdentityProvider("https://idp.test", "https://idp.test/saml/sso", []), [], ["alice"], new BrowserTransport(TimeSpan.FromSeconds(5)));
}
