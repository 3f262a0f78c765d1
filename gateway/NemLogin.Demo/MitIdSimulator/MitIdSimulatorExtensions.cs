using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// Registers and maps the MitID simulator: an OpenID Connect provider under <c>/mitid-sim</c> that the broker logs
/// users in through in the demo and in tests. The host must register <see cref="Hosting.IBrokerUrls"/>.
/// </summary>
public static class MitIdSimulatorExtensions
{
    public static IServiceCollection AddMitIdSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MitIdSimulatorOptions>()
            .Bind(configuration.GetSection(MitIdSimulatorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MitIdSimulatorOptions>, MitIdSimulatorOptionsValidator>());
        // Logged by Orleans at start-up with the client secret and key-file password REDACTED.
        services.ConfigureFormatter<MitIdSimulatorOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatorSigningKey>();
        services.TryAddSingleton(SimulatorStores.Create);
        services.TryAddSingleton<SimulatorClientRegistry>();
        services.TryAddSingleton<SimulatorUrls>();
        services.TryAddSingleton<IdTokenIssuer>();
        services.TryAddSingleton<AuthorizePostHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapMitIdSimulator(this IEndpointRouteBuilder endpoints)
    {
        // The login form carries its own token bound to the pending authorization and a browser cookie, and the token
        // endpoint is a back channel authenticated by client secret: the host's form anti-forgery does not apply.
        var group = endpoints.MapGroup(SimulatorUrls.BasePath).ExcludeFromDescription().DisableAntiforgery();
        group.MapGet("/.well-known/openid-configuration", DiscoveryEndpointHandlers.Configuration);
        group.MapGet("/jwks", DiscoveryEndpointHandlers.Jwks);
        group.MapGet("/authorize", AuthorizeGetHandler.HandleAsync);
        group.MapPost("/authorize", (HttpContext context, AuthorizePostHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(context, cancellationToken));
        group.MapPost("/token", TokenEndpointHandler.HandleAsync);
        return endpoints;
    }
}
