using NemLogin.Demo.Hosting;
using NemLogin.Gateway.Oidc.Stores;
using NemLogin.Grains.Assurance;
using OpenIddict.Core;

namespace NemLogin.Demo.DemoRp;

/// <summary>Registers the demo RP through OpenIddict's manager once the server listens (its redirect URI depends on the address).</summary>
internal sealed class DemoRpRegistrar(
    DemoRelyingParty rp, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<DemoRpRegistrar> logger) : AfterStartTask(lifetime)
{
    public Task Registered => Done;

    protected override async Task RunAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<OpenIddictApplicationManager<OidcApplication>>();
        var application = new OidcApplication
        {
            ClientId = DemoRelyingParty.ClientId,
            ClientName = "Demo relying party",
            RedirectUris = [rp.RedirectUri],
            PostLogoutRedirectUris = [rp.Home],
            BackChannelLogoutUri = rp.BackChannelLogoutUri,
            GrantTypes = ["authorization_code", "refresh_token"],
            Scopes = ["openid", "profile", "email", "nemlogin", "cpr"],
            MinLoa = LevelOfAssurance.Substantial,
            CprEntitled = true,
        };
        if (await manager.FindByClientIdAsync(DemoRelyingParty.ClientId) is { } existing)
        {
            application.Version = existing.Version;
            await manager.UpdateAsync(application, rp.Secret);
        }
        else
        {
            await manager.CreateAsync(application, rp.Secret);
        }
    }

    protected override void Failed(Exception exception) => Log.DemoRelyingPartyFailed(logger, exception);
}
