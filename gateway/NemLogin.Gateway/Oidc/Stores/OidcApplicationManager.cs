using Microsoft.Extensions.Options;
using NemLogin.Grains.Oidc;
using NemLogin.Grains;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// OpenIddict's application manager with client secrets under <see cref="ClientSecretHasher"/> in place of PBKDF2,
/// which cost about 2.8 ms of CPU per token request (docs/benchmarks.md). A secret stored in OpenIddict's PBKDF2 form
/// (registered before this) is still checked that way once and, when right, stored again in the current form.
/// </summary>
internal sealed class OidcApplicationManager(
    IOpenIddictApplicationCache<OidcApplication> cache,
    ILogger<OpenIddictApplicationManager<OidcApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OidcApplication> store,
    ClientSecretHasher hasher,
    IGrainFactory grains,
    OidcClientCatalog catalog)
    : OpenIddictApplicationManager<OidcApplication>(cache, logger, options, store)
{
    public override async ValueTask<bool> ValidateClientSecretAsync(OidcApplication application, string secret, CancellationToken cancellationToken = default)
    {
        if (!await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return false;
        }

        if (application.ClientSecretHash is { } stored && !ClientSecretHasher.IsCurrentFormat(stored))
        {
            // Compare-and-set: a registration replaced meanwhile keeps its own secret.
            var rehashed = hasher.Hash(secret);
            try
            {
                if (await grains.Reference<IOidcClientGrain>(application.ClientId).ReplaceSecretHashAsync(stored, rehashed))
                {
                    application.ClientSecretHash = rehashed;
                }
            }
            finally
            {
                catalog.Forget(application.ClientId);
            }
        }

        return true;
    }

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        new(hasher.Hash(secret));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default) =>
        ClientSecretHasher.IsCurrentFormat(comparand)
            ? new(hasher.Verify(secret, comparand))
            : base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
}
