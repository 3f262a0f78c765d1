using NemLogin.Grains.Errors;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using NemLogin.Gateway.Tests.MitIdSimulator;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using Xunit;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>
/// A man in the middle of the back channel (or a broken upstream) alters the token response of the real simulator;
/// the broker's client must notice.
/// </summary>
public sealed class MitIdTamperingTests
{
    // Signature integrity: flipping one bit of the RS256 signature invalidates the token.
    [Fact]
    public async Task CompleteAsync_SignatureByteFlipped_IsTokenInvalid()
    {
        var code = await CompleteThroughAsync(token =>
        {
            var parts = token.Split('.');
            var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
            signature[^1] ^= 0x01;
            return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
        });

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Claim substitution: raising the level of assurance in the payload breaks the signature.
    [Fact]
    public async Task CompleteAsync_PayloadLoaRaised_IsTokenInvalid()
    {
        var code = await CompleteThroughAsync(token =>
        {
            var parts = token.Split('.');
            var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
            payload["acr"] = "https://data.gov.dk/concept/core/nsis/loa/High";
            return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        });

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    // Signature stripping: the same claims re-sent as an unsigned token (alg none) are refused.
    [Fact]
    public async Task CompleteAsync_SignatureStrippedToAlgNone_IsTokenInvalid()
    {
        var code = await CompleteThroughAsync(token =>
            Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.Split('.')[1] + ".");

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamTokenInvalid), code);
    }

    [Fact]
    public async Task CompleteAsync_TokenUntouched_Succeeds()
    {
        var code = await CompleteThroughAsync(token => token);

        Assert.Null(code);
    }

    private static async Task<string?> CompleteThroughAsync(Func<string, string> tamper)
    {
        await using var host = await MitIdTestHost.StartAsync(services =>
            services.AddHttpClient(MitIdMetadataCache.HttpClientName).AddHttpMessageHandler(() => new TokenTamperingHandler(tamper)));
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-tamper", LevelOfAssurance.Substantial, forceAuthn: false);
        var location = await browser.LogInAsync(challenge.RedirectUrl, "alice");
        try
        {
            await host.Upstream.CompleteAsync(UpstreamTestData.CallbackContext(location), UpstreamTestData.PendingFor(challenge), TestContext.Current.CancellationToken);
            return null;
        }
        catch (UpstreamException ex)
        {
            return ex.Code;
        }
    }

    private sealed class TokenTamperingHandler(Func<string, string> tamper) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            body["id_token"] = tamper(body["id_token"]!.GetValue<string>());
            response.Content = JsonContent.Create(body);
            return response;
        }
    }
}
