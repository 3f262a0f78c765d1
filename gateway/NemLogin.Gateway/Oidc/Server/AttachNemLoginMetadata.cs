using NemLogin.Saml;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NemLogin.Gateway.Oidc.Server;

/// <summary>
/// Discovery: the NSIS levels a client may ask for in <c>acr_values</c>, and the logout notices the broker sends
/// (Back-Channel Logout 1.0 §2.1 and Front-Channel Logout 1.0 §3, both with <c>sid</c>).
/// </summary>
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
        context.Metadata["backchannel_logout_supported"] = true;
        context.Metadata["backchannel_logout_session_supported"] = true;
        context.Metadata["frontchannel_logout_supported"] = true;
        context.Metadata["frontchannel_logout_session_supported"] = true;
        return default;
    }
}
