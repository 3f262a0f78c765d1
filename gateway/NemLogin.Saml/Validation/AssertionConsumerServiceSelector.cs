using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;

namespace NemLogin.Saml.Validation;

/// <summary>Chooses the registered HTTP-POST ACS a response goes to; never a URL the service provider did not register.</summary>
internal static class AssertionConsumerServiceSelector
{
    // SAML Core 3.4.1: AssertionConsumerServiceURL and AssertionConsumerServiceIndex are mutually exclusive.
    // SAML Profiles 4.1.4.1: the IdP MUST verify a URL against metadata. Metadata 2.2.3: the default endpoint otherwise.
    // Only HTTP-POST endpoints qualify because the broker answers over HTTP-POST (OIOSAML 3.0.3).
    public static string Select(AuthnRequest request, IReadOnlyList<EndpointInfo> registered)
    {
        var postEndpoints = registered.Where(e => e.Binding == SamlConstants.Bindings.HttpPost).ToList();
        if (request.AssertionConsumerServiceUrl is not null && request.AssertionConsumerServiceIndex is not null)
        {
            throw Refuse("The request names both an ACS URL and an ACS index.");
        }

        if (request.AssertionConsumerServiceUrl is { } url)
        {
            return postEndpoints.FirstOrDefault(e => string.Equals(e.Location, url, StringComparison.Ordinal))?.Location
                ?? throw Refuse("The requested ACS URL is not a registered HTTP-POST endpoint.");
        }

        if (request.AssertionConsumerServiceIndex is { } index)
        {
            return postEndpoints.FirstOrDefault(e => e.Index == index)?.Location
                ?? throw Refuse($"No registered HTTP-POST ACS has index {index}.");
        }

        var chosen = postEndpoints.FirstOrDefault(e => e.IsDefault) ?? postEndpoints.FirstOrDefault();
        return chosen?.Location ?? throw Refuse("The service provider has no registered HTTP-POST ACS.");
    }

    private static SamlException Refuse(string message) => new(SamlErrorCode.AcsUrlNotRegistered, message);
}
