using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>Refuses, at start-up, a MitID configuration that would fail or be unsafe at the first login.</summary>
internal sealed class MitIdUpstreamOptionsValidator : IValidateOptions<MitIdUpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, MitIdUpstreamOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Upstream:MitId:ClientId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Upstream:MitId:ClientSecret must be set when Upstream:MitId:Authority names an external MitID.");
        }

        CheckUrl(options.Authority, "Authority", allowQuery: false, failures);
        // RFC 6749 3.1: an authorization endpoint may carry a query, which the request parameters are added to.
        CheckUrl(options.AuthorizationEndpoint, "AuthorizationEndpoint", allowQuery: true, failures);
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("Upstream:MitId:ClockSkew must be between 0 and 10 minutes.");
        }

        if (options.MetadataRefreshInterval <= TimeSpan.Zero)
        {
            failures.Add("Upstream:MitId:MetadataRefreshInterval must be positive.");
        }

        if (!options.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            failures.Add("Upstream:MitId:Scope must contain openid.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An external authority is https (OIDC Discovery 3: issuer uses https); plain http only on loopback.</summary>
    private static void CheckUrl(string? value, string setting, bool allowQuery, List<string> failures)
    {
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || (!allowQuery && uri.Query.Length > 0) || uri.Fragment.Length > 0)
        {
            failures.Add($"Upstream:MitId:{setting} must be an absolute https URL without fragment (http only on loopback).");
        }
    }
}
