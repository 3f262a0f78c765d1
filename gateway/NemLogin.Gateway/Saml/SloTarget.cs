using NemLogin.Gateway.Pages;

namespace NemLogin.Gateway.Saml;

/// <summary>A registered single logout endpoint of a service provider, resolved to the binding and URL a message goes to.</summary>
internal sealed record SloTarget(string Binding, string Url)
{
    /// <summary>The scheme, host and port as a CSP source: what a frame on the broker's logout page may load.</summary>
    public string Origin => CspSource.ForOrigin(Url);
}
