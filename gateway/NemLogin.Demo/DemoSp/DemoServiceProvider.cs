using NemLogin.Gateway.Hosting;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Demo.DemoSp;

/// <summary>The demo SP's identity and metadata, as it would publish them.</summary>
internal sealed class DemoServiceProvider(IBrokerUrls urls, DemoSpKeys keys)
{
    public string EntityId => urls.Absolute("/demo-sp");

    public string AcsUrl => urls.Absolute("/demo-sp/acs");

    public string SloUrl => urls.Absolute("/demo-sp/slo");

    public string Metadata() => MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
    {
        EntityId = EntityId,
        SigningCertificate = keys.Certificate,
        EncryptionCertificate = keys.Certificate,
        EncryptionMethods = [SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep],
        AssertionConsumerServices = [new EndpointInfo(SamlConstants.Bindings.HttpPost, AcsUrl, 0, true)],
        SingleLogoutServices = [new EndpointInfo(SamlConstants.Bindings.HttpRedirect, SloUrl, 0, true)],
        RequestedAttributes = [.. SamlConstants.Attributes.Known
            .Where(a => a is not (SamlConstants.Attributes.BootstrapToken or SamlConstants.Attributes.PrivilegesIntermediate))
            .Order(StringComparer.Ordinal)
            .Select(a => new RequestedAttributeInfo(a, a == SamlConstants.Attributes.SpecVersion))],
        ServiceName = "NemLogin.Orleans demo service provider",
    });
}
