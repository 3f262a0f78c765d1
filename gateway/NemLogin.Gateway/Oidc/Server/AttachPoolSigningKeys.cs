using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Oidc.Signing;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NemLogin.Gateway.Oidc.Server;

/// <summary>
/// JWKS from the signer pool in place of OpenIddict's own: every published token-signing key (current, next, previous
/// in overlap), so relying parties already know a key before it signs and still know it while old tokens live.
/// </summary>
internal sealed class AttachPoolSigningKeys(TokenSigningKeys keys) : IOpenIddictServerHandler<HandleJsonWebKeySetRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleJsonWebKeySetRequestContext>()
        .UseSingletonHandler<AttachPoolSigningKeys>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachSigningKeys.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleJsonWebKeySetRequestContext context)
    {
        var snapshot = await keys.EnsureAsync(context.CancellationToken);
        foreach (var published in snapshot.All)
        {
            var jwk = published.PublicKey switch
            {
                RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(rsa),
                ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(ec),
                _ => throw new InvalidOperationException("Unsupported token-signing key."),
            };
            jwk.Kid = published.Info.KeyId;
            jwk.Use = JsonWebKeyUseNames.Sig;
            jwk.Alg = published.Algorithm;
            jwk.X5c.Add(Convert.ToBase64String(published.Certificate.RawData));
            context.Keys.Add(jwk);
        }
    }
}
