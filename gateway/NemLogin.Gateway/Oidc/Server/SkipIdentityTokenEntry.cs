using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NemLogin.Gateway.Oidc.Server;

/// <summary>
/// ID tokens get no token entry (codes, access tokens and refresh tokens keep theirs). An ID token is never redeemed,
/// refreshed, introspected or revoked. Its only use back at the broker is as an <c>id_token_hint</c>, and there
/// OpenIddict still checks the signature, the issuer and the authorization the token names, so the ID token of a chain
/// revoked by a replayed code or refresh token is no proof of the session, as before. An entry per ID token cost every
/// login a new token grain, its state write and its attachment to the authorization (docs/benchmarks.md, eighth round).
/// </summary>
internal sealed class SkipIdentityTokenEntry : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<SkipIdentityTokenEntry>()
        .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (string.Equals(context.TokenType, TokenTypeIdentifiers.IdentityToken, StringComparison.Ordinal))
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
