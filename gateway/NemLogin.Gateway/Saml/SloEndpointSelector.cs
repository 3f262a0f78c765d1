using NemLogin.Grains.ServiceProviders;
using NemLogin.Saml;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// Chooses a service provider's single logout endpoint from its registration only, never from a message. OIOSAML 3: the first
/// SLO binding the SP lists is used. The broker speaks the browser bindings (HTTP-Redirect, HTTP-POST); an endpoint with
/// another binding (SOAP, Artifact) is passed over for the next one the SP lists.
/// </summary>
internal static class SloEndpointSelector
{
    /// <summary>Where a LogoutRequest to this SP goes, or null when it registered no usable SLO endpoint.</summary>
    public static SloTarget? ForRequests(ServiceProviderRegistration registration) =>
        First(registration) is { } endpoint ? new SloTarget(endpoint.Binding, endpoint.Location) : null;

    /// <summary>Where a LogoutResponse to this SP goes: the endpoint's ResponseLocation when given (SAML Metadata 2.2.2).</summary>
    public static SloTarget? ForResponses(ServiceProviderRegistration registration) =>
        First(registration) is { } endpoint ? new SloTarget(endpoint.Binding, endpoint.ResponseLocation ?? endpoint.Location) : null;

    private static SamlEndpoint? First(ServiceProviderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.SingleLogoutServices.FirstOrDefault(e =>
            e.Binding is SamlConstants.Bindings.HttpRedirect or SamlConstants.Bindings.HttpPost);
    }
}
