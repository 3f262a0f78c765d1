using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.ServiceProviders;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Saml;

/// <summary>The broker's SAML identity-provider endpoints and entityID.</summary>
internal sealed class IdentityProviderInfo(IBrokerUrls urls, IOptions<BrokerOptions> options)
{
    public string EntityId => string.IsNullOrWhiteSpace(options.Value.EntityId) ? urls.Absolute("/saml/metadata") : options.Value.EntityId;

    public string SingleSignOnUrl => urls.Absolute("/saml/sso");

    public string SingleLogoutUrl => urls.Absolute("/saml/slo");

    public string MetadataUrl => urls.Absolute("/saml/metadata");

    /// <summary>What a LogoutRequest or LogoutResponse from <paramref name="sp"/> is checked against.</summary>
    public LogoutValidationContext LogoutValidation(RegisteredServiceProvider sp, DateTimeOffset now) => new()
    {
        ExpectedIssuer = sp.EntityId,
        Destinations = [SingleLogoutUrl],
        TrustedSigningCertificates = sp.SigningCertificates,
        Now = now,
    };
}
