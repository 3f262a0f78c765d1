namespace NemLogin.Gateway.Saml;

/// <summary>A registered single logout endpoint of a service provider, resolved to the binding and URL a message goes to.</summary>
internal sealed record SloTarget(string Binding, string Url)
{
    /// <summary>The scheme, host and port: what a frame or form on the broker's pages may reach.</summary>
    public string Origin => new Uri(Url).GetLeftPart(UriPartial.Authority);
}
