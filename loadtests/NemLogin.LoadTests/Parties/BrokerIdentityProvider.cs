using System.Security.Cryptography.X509Certificates;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.LoadTests.Parties;

/// <summary>What the virtual SPs know of the broker: its published, signed IdP metadata.</summary>
public sealed record BrokerIdentityProvider(string EntityId, string SingleSignOnUrl, IReadOnlyList<X509Certificate2> SigningCertificates)
{
    /// <summary>The broker's HTTP-Redirect SingleLogoutService, or null when its metadata lists none.</summary>
    public string? SingleLogoutUrl { get; init; }

    public static async Task<BrokerIdentityProvider> FetchAsync(HttpMessageInvoker http, Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, "saml/metadata"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}; is the broker running at {target}?");
        }

        var metadata = MetadataReader.ReadIdentityProvider(await response.Content.ReadAsStringAsync(cancellationToken), SamlLimits.Default);
        var sso = metadata.SingleSignOnServices.FirstOrDefault(s => s.Binding == SamlConstants.Bindings.HttpRedirect)
            ?? throw new InvalidOperationException("The broker's metadata lists no HTTP-Redirect SingleSignOnService.");
        return new BrokerIdentityProvider(metadata.EntityId, sso.Location, metadata.SigningCertificates)
        {
            SingleLogoutUrl = metadata.SingleLogoutServices.FirstOrDefault(s => s.Binding == SamlConstants.Bindings.HttpRedirect)?.Location,
        };
    }
}
