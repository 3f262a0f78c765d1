using Microsoft.Extensions.Options;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// The broker's signed IdP metadata. Signing costs an HSM operation, so the document is reused for a few minutes;
/// a key rollover reaches it within that time.
/// </summary>
internal sealed class IdpMetadataService(
    IdentityProviderInfo idp,
    BrokerSigningKeys keys,
    IOptions<BrokerOptions> options,
    TimeProvider time)
{
    private static readonly TimeSpan ReuseFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Xml, DateTimeOffset Until, string EntityId)? _cached;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is { } c && c.Until > time.GetUtcNow() && c.EntityId == idp.EntityId)
        {
            return c.Xml;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var descriptor = new IdentityProviderDescriptor
            {
                EntityId = idp.EntityId,
                SigningCertificates = await keys.GetSamlCertificatesAsync(cancellationToken),
                SingleSignOnServices =
                [
                    new EndpointInfo(SamlConstants.Bindings.HttpRedirect, idp.SingleSignOnUrl, 0, true),
                    new EndpointInfo(SamlConstants.Bindings.HttpPost, idp.SingleSignOnUrl, 1, false),
                ],
                SingleLogoutServices =
                [
                    new EndpointInfo(SamlConstants.Bindings.HttpRedirect, idp.SingleLogoutUrl, 0, true),
                    new EndpointInfo(SamlConstants.Bindings.HttpPost, idp.SingleLogoutUrl, 1, false),
                ],
                NameIdFormats = [SamlConstants.NameIdFormats.Persistent, SamlConstants.NameIdFormats.Transient],
                AttributeNames = [.. OioSamlAttributes.Issued.Order(StringComparer.Ordinal)],
                ValidFor = ValidFor,
                Now = now,
                OrganizationName = options.Value.OrganizationName,
                ContactEmail = options.Value.ContactEmail,
            };
            var xml = await MetadataWriter.WriteIdentityProviderAsync(descriptor, await keys.GetSamlSignerAsync(cancellationToken), cancellationToken);
            _cached = (xml, now + ReuseFor, idp.EntityId);
            return xml;
        }
        finally
        {
            _gate.Release();
        }
    }
}
