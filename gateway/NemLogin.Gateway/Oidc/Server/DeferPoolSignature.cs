using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Oidc.Signing;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NemLogin.Gateway.Oidc.Server;

/// <summary>
/// Before OpenIddict writes a signed JWT (ID token, access token): puts a <see cref="DeferredSigningKey"/> in place of the
/// signer pool's key, so that writing the token only records its signing input and no thread blocks on the pool;
/// <see cref="CompletePoolSignature"/> then awaits the pool's signature. Encrypted tokens (none with this configuration)
/// keep the synchronous path, as the signature is not their last part.
/// </summary>
internal sealed class DeferPoolSignature(TokenSigningKeys keys) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireJsonWebTokenFormat>()
        .UseSingletonHandler<DeferPoolSignature>()
        .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.SigningCredentials is not { Key: SignerPoolSecurityKey pool } || context.EncryptionCredentials is not null)
        {
            return;
        }

        // The key that signs is fixed here, so the header's kid and the signature cannot come from two keys in a rollover.
        var current = (await keys.EnsureAsync(context.CancellationToken)).Current;
        var deferred = new SigningCredentials(new DeferredSigningKey(current, pool.Algorithm), pool.Algorithm);
        context.SigningCredentials = deferred;
        if (context.SecurityTokenDescriptor is { SigningCredentials.Key: SignerPoolSecurityKey } descriptor)
        {
            descriptor.SigningCredentials = deferred;
        }
    }
}
