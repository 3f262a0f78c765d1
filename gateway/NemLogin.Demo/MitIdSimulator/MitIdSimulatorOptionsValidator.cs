using Microsoft.Extensions.Options;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>Refuses a simulator configuration that could not serve a login, at start-up rather than mid-flow.</summary>
internal sealed class MitIdSimulatorOptionsValidator : IValidateOptions<MitIdSimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, MitIdSimulatorOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("MitIdSimulator:ClientSecret must not be empty.");
        }

        if (options.KeyFile is { } keyFile && !File.Exists(keyFile))
        {
            failures.Add("MitIdSimulator:KeyFile names a file that does not exist.");
        }

        if (options.PendingLifetime <= TimeSpan.Zero || options.CodeLifetime <= TimeSpan.Zero || options.IdTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("MitIdSimulator lifetimes must be positive.");
        }

        if (options.MaxPendingAuthorizations <= 0 || options.MaxCodes <= 0)
        {
            failures.Add("MitIdSimulator store caps must be positive.");
        }

        foreach (var client in options.Clients)
        {
            ValidateClient(client, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateClient(MitIdSimulatorClient client, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrWhiteSpace(client.ClientSecret))
        {
            failures.Add("Every MitIdSimulator client needs a ClientId and a ClientSecret.");
            return;
        }

        if (client.RedirectUris.Count == 0)
        {
            failures.Add($"MitIdSimulator client '{client.ClientId}' has no RedirectUris.");
        }

        // RFC 6749 3.1.2: redirection endpoints are absolute and carry no fragment. The scheme check also stops a
        // path like "/cb", which .NET on Unix parses as an absolute file URI.
        foreach (var uri in client.RedirectUris)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") || parsed.Fragment.Length > 0)
            {
                failures.Add($"MitIdSimulator client '{client.ClientId}' has a redirect URI that is not an absolute http(s) URI or has a fragment.");
            }
        }
    }
}
