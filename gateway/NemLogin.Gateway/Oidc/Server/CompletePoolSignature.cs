using System.Text;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Oidc.Signing;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NemLogin.Gateway.Oidc.Server;

/// <summary>
/// After OpenIddict wrote a token under a <see cref="DeferredSigningKey"/>: awaits the signer pool's signature over the
/// recorded signing input and puts it where the placeholder stands (RFC 7515 §7.1: <c>input . BASE64URL(signature)</c>).
/// A token that is not exactly the recorded input and the placeholder is refused rather than signed.
/// </summary>
internal sealed class CompletePoolSignature(IGrainFactory grains, TokenSigningKeys keys) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireJsonWebTokenFormat>()
        .UseSingletonHandler<CompletePoolSignature>()
        .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.SigningCredentials?.Key is not DeferredSigningKey deferred)
        {
            return;
        }

        var input = deferred.SigningInput
            ?? throw new InvalidOperationException("The token was not written under the deferred signing key.");
        var signingInput = Encoding.ASCII.GetString(input);
        if (!string.Equals(context.Token, signingInput + "." + Base64UrlEncoder.Encode(deferred.Placeholder), StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The written token is not its signing input and the placeholder.");
        }

        var signature = await TokenSignature.SignAsync(grains, keys, deferred.Signer, deferred.Algorithm, input, context.CancellationToken);
        context.Token = signingInput + "." + Base64UrlEncoder.Encode(signature);
    }
}
