using NemLogin.Saml;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NemLogin.Gateway.Oidc.Server;

/// <summary>Discovery: the NSIS levels a client may ask for in <c>acr_values</c>.</summary>
internal sealed class AttachNemLoginMetadata : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<AttachNemLoginMetadata>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachAdditionalMetadata.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["acr_values_supported"] = new OpenIddict.Abstractions.OpenIddictParameter(
            [SamlConstants.OioSaml.LoaLow, SamlConstants.OioSaml.LoaSubstantial, SamlConstants.OioSaml.LoaHigh]);
        return default;
    }
}
