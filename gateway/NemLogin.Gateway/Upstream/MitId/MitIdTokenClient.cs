using NemLogin.Grains.Errors;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>Exchanges an authorization code over the back channel (RFC 6749 4.1.3 with RFC 7636 4.5).</summary>
internal sealed class MitIdTokenClient(
    IHttpClientFactory httpClients,
    MitIdAuthority authority,
    IOptions<MitIdUpstreamOptions> options,
    ILogger<MitIdTokenClient> logger)
{
    /// <summary>The ID token for <paramref name="code"/>; throws <see cref="UpstreamException"/> when MitID refuses.</summary>
    public async Task<string> ExchangeAsync(MitIdMetadata metadata, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = authority.RedirectUri,
                ["code_verifier"] = codeVerifier,
            }),
        };
        request.Headers.Authorization = BasicCredentials(options.Value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        try
        {
            using var response = await httpClients.CreateClient(MitIdMetadataCache.HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<MitIdTokenResponse>(cancellationToken);
            return Interpret(response, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.TokenExchangeUnreachable(logger, ex.GetType().Name);
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamExchangeFailed), "MitID's token endpoint could not be reached or answered garbage.", ex);
        }
    }

    private string Interpret(HttpResponseMessage response, MitIdTokenResponse? body)
    {
        if (!response.IsSuccessStatusCode || body?.IdToken is null)
        {
            var error = SafeErrorCode(body?.Error);
            Log.TokenExchangeRefused(logger, (int)response.StatusCode, error);
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamExchangeFailed), $"MitID refused the code exchange ({error}).");
        }

        // OIDC Core 3.1.3.3: the token type is Bearer (compared case-insensitively, RFC 6749 5.1).
        if (!string.Equals(body.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamExchangeFailed), "MitID's token response is not of type Bearer.");
        }

        return body.IdToken;
    }

    /// <summary>RFC 6749 2.3.1: id and secret are form-encoded, joined with a colon, then base64 encoded.</summary>
    private static AuthenticationHeaderValue BasicCredentials(MitIdUpstreamOptions options)
    {
        var pair = Uri.EscapeDataString(options.ClientId) + ":" + Uri.EscapeDataString(options.ClientSecret ?? "");
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
    }

    /// <summary>RFC 6749 5.2 limits error codes to printable ASCII; anything else is not echoed into logs or messages.</summary>
    private static string SafeErrorCode(string? error) =>
        error is { Length: > 0 and <= 64 } && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? error
            : "no error code";
}
