using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Oidc.Endpoints;
using NemLogin.Gateway.Oidc.Server;
using NemLogin.Gateway.Oidc.Signing;
using NemLogin.Gateway.Oidc.Stores;
using OpenIddict.Server;

namespace NemLogin.Gateway.Oidc;

/// <summary>
/// The OpenID Connect provider: OpenIddict's server with passthrough endpoints, stores over grains and signing in the
/// signer pool. Code flow only, PKCE S256 for every client, rotated refresh tokens without reuse leeway.
/// </summary>
internal static class OidcServerExtensions
{
    public static IServiceCollection AddNemLoginOidc(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<OidcServerOptions>().BindConfiguration(OidcServerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OidcServerOptions>, OidcServerOptionsValidator>());
        services.ConfigureFormatter<OidcServerOptions>();
        services.AddSingleton<ClientSecretHasher>();
        services.AddSingleton<TokenSigningKeys>();
        services.AddHostedService<TokenSigningKeyLoader>();
        services.AddSingleton<LoginReturnMarker>();
        services.AddSingleton<AuthorizeEndpoint>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<OidcClientCatalog>();
        services.AddSingleton<EndSessionEndpoint>();
        services.AddSingleton<Logout.LogoutTokenWriter>();
        services.AddSingleton<Logout.BackChannelLogout>();
        services.AddSingleton<Logout.FrontChannelLogout>();
        services.AddHttpClient(Logout.BackChannelLogout.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureOidcServer>();

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.SetDefaultApplicationEntity<OidcApplication>()
                    .SetDefaultAuthorizationEntity<OidcAuthorization>()
                    .SetDefaultTokenEntity<OidcToken>()
                    .SetDefaultScopeEntity<OidcScope>();
                core.ReplaceApplicationStore<OidcApplication, OidcApplicationStore>()
                    .ReplaceAuthorizationStore<OidcAuthorization, OidcAuthorizationStore>()
                    .ReplaceTokenStore<OidcToken, OidcTokenStore>()
                    .ReplaceScopeStore<OidcScope, OidcScopeStore>();
                core.ReplaceApplicationManager<OidcApplication, OidcApplicationManager>();

                // OpenIddict's own entity cache stays off: the stores decide what may be reused (clients for the registration
                // cache time, token entries within one request, every write a compare-and-set at the grain; docs/architecture.md).
                core.DisableEntityCaching();
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OidcPaths.Authorize.TrimStart('/'))
                    .SetTokenEndpointUris(OidcPaths.Token.TrimStart('/'))
                    .SetUserInfoEndpointUris(OidcPaths.UserInfo.TrimStart('/'))
                    .SetEndSessionEndpointUris(OidcPaths.EndSession.TrimStart('/'))
                    .SetRevocationEndpointUris(OidcPaths.Revocation.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.RequireProofKeyForCodeExchange();
                server.RegisterScopes([.. OidcScopes.All]);
                server.RegisterClaims([.. OidcClaimTypes.Released]);

                // Codes and refresh tokens are Data Protection payloads: in cluster mode every gateway shares the key ring.
                // Access tokens stay JWTs signed in the signer pool (not encrypted); ID tokens always are.
                server.UseDataProtection().PreferDefaultAccessTokenFormat();
                server.DisableAccessTokenEncryption();

                // OpenIddict insists on an encryption key; with the formats above nothing is encrypted with it.
                server.AddEphemeralEncryptionKey();

                // RFC 9700 4.14.2: a rotated refresh token used again revokes the chain, with no grace period.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (environment.IsDevelopment())
                {
                    // The embedded demo and the tests run on http://localhost; anywhere else TLS is required (RFC 9700 2.6).
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                server.RemoveEventHandler(OpenIddictServerHandlers.Discovery.AttachSigningKeys.Descriptor);
                server.AddEventHandler(AttachPoolSigningKeys.Descriptor);
                server.AddEventHandler(AttachNemLoginMetadata.Descriptor);

                // ID and access tokens signed in the pool without blocking a thread on the grain call (docs/benchmarks.md).
                server.AddEventHandler(DeferPoolSignature.Descriptor);
                server.AddEventHandler(CompletePoolSignature.Descriptor);

                // Codes, access and refresh tokens are recorded; ID tokens are not (nothing redeems or revokes them).
                server.AddEventHandler(SkipIdentityTokenEntry.Descriptor);
            });
        return services;
    }

    public static IEndpointRouteBuilder MapNemLoginOidc(this IEndpointRouteBuilder endpoints) => endpoints.MapOidc();

    /// <summary>What needs services: the issuer, the signing key over the pool, lifetimes, and validation keys resolved from the pool.</summary>
    private sealed class ConfigureOidcServer(
        IOptions<OidcServerOptions> oidc, IOptions<BrokerOptions> broker, TokenSigningKeys keys, IGrainFactory grains) : IConfigureOptions<OpenIddictServerOptions>
    {
        public void Configure(OpenIddictServerOptions options)
        {
            if (!string.IsNullOrWhiteSpace(broker.Value.PublicBaseUrl))
            {
                // Else OpenIddict takes the request's host, which is what IBrokerUrls answers when no public URL is set.
                options.Issuer = new Uri(broker.Value.PublicBaseUrl.TrimEnd('/') + "/");
            }

            options.SigningCredentials.Add(new SigningCredentials(new SignerPoolSecurityKey(keys, grains, oidc.Value.SigningAlgorithm), oidc.Value.SigningAlgorithm));
            // client_secret_basic, private_key_jwt, and client_secret_post (ASP.NET Core's OpenIdConnect handler posts its
            // secret in the body and has no setting for basic); never "none": every client is confidential.
            // RFC 9700 2.1.1: S256 only; OpenIddict offers plain by default, which would let a client downgrade.
            options.CodeChallengeMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Plain);
            options.AccessTokenLifetime = oidc.Value.AccessTokenLifetime;
            options.RefreshTokenLifetime = oidc.Value.RefreshTokenLifetime;
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid);
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
        }
    }
}
