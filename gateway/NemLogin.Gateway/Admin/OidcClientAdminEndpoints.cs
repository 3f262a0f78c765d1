using NemLogin.Grains.Errors;
using System.Text.Json;
using NemLogin.Gateway.Oidc;
using NemLogin.Gateway.Oidc.Stores;
using NemLogin.Grains;
using NemLogin.Grains.Oidc;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace NemLogin.Gateway.Admin;

/// <summary><c>/api/admin/oidc-clients</c>: register or replace (POST, RFC 7591 metadata), list, show, delete.</summary>
internal static class OidcClientAdminEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapOidcClientAdmin(this RouteGroupBuilder admin)
    {
        var clients = admin.MapGroup("/oidc-clients");
        clients.MapPost(string.Empty, RegisterAsync);
        clients.MapGet(string.Empty, async (IGrainFactory grains) =>
        {
            var ids = await grains.Reference<IOidcClientDirectoryGrain>(IOidcClientDirectoryGrain.Key).ListAsync();
            var all = await Task.WhenAll(ids.Select(id => grains.Reference<IOidcClientGrain>(id).GetAsync()));
            return TypedResults.Ok(all.OfType<OidcClient>().Select(OidcClientDocument.From).ToArray());
        });
        clients.MapGet("/{clientId}", async (string clientId, IGrainFactory grains) =>
            OidcClientIds.IsWellFormed(clientId) && await grains.Reference<IOidcClientGrain>(clientId).GetAsync() is { } client
                ? TypedResults.Ok(OidcClientDocument.From(client))
                : UnknownClient());
        clients.MapDelete("/{clientId}", async (string clientId, IGrainFactory grains, OidcClientCatalog catalog) =>
        {
            if (!OidcClientIds.IsWellFormed(clientId))
            {
                return UnknownClient();
            }

            try
            {
                return await grains.Reference<IOidcClientGrain>(clientId).DeleteAsync() ? TypedResults.NoContent() : UnknownClient();
            }
            finally
            {
                catalog.Forget(clientId);
            }
        });
        return admin;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, OpenIddictApplicationManager<OidcApplication> manager)
    {
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return AdminProblems.Problem(StatusCodes.Status415UnsupportedMediaType, BrokerErrors.Name(BrokerError.AdminUnsupportedMediaType), "Send application/json");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return AdminProblems.Problem(StatusCodes.Status413PayloadTooLarge, BrokerErrors.Name(BrokerError.AdminBodyTooLarge), "The body is too large");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminOidcClientInvalid), "The body is not JSON.");
        }

        var (client, secret, error) = OidcClientRequestReader.Read(body);
        if (client is null)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminOidcClientInvalid), error!);
        }

        try
        {
            // Through OpenIddict's manager: it checks the registration and stores only an obfuscated secret.
            var existing = await manager.FindByClientIdAsync(client.ClientId, context.RequestAborted);
            if (existing is null)
            {
                await manager.CreateAsync(client, secret, context.RequestAborted);
            }
            else
            {
                client.Version = existing.Version;
                await manager.UpdateAsync(client, secret ?? string.Empty, context.RequestAborted);
            }

            var stored = OidcClientDocument.From(OidcApplicationStore.ToRecord(client));
            return existing is null ? TypedResults.Created($"/api/admin/oidc-clients/{Uri.EscapeDataString(client.ClientId)}", stored) : TypedResults.Ok(stored);
        }
        catch (OpenIddictExceptions.ValidationException ex)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminOidcClientInvalid), string.Join(" ", ex.Results.Select(r => r.ErrorMessage)));
        }
        catch (GrainRuleException ex)
        {
            return AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminOidcClientInvalid), ex.Message);
        }
    }

    public static IResult UnknownClient() =>
        AdminProblems.Problem(StatusCodes.Status404NotFound, BrokerErrors.Name(BrokerError.AdminOidcClientUnknown), "No such client", "No OpenID Connect client is registered with this client_id.");
}
