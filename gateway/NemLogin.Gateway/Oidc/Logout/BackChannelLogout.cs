using NemLogin.Gateway.Hosting;
using NemLogin.Gateway.Signing;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;

namespace NemLogin.Gateway.Oidc.Logout;

/// <summary>
/// Tells the OpenID Connect clients of an ended session, each at its registered <c>backchannel_logout_uri</c>
/// (OIDC Back-Channel Logout 1.0 §2.5), all at once with a bounded wait; a client that does not answer is logged, and the
/// logout goes on (the broker session has ended whatever a client says).
/// </summary>
internal sealed class BackChannelLogout(
    IGrainFactory grains, LogoutTokenWriter writer, IBrokerUrls urls, IHttpClientFactory http, ILogger<BackChannelLogout> logger)
{
    public const string HttpClientName = "oidc-backchannel-logout";

    public async Task NotifyAsync(SessionSnapshot ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ended);
        await Task.WhenAll(ended.Participants.Where(p => p.Protocol == ParticipantProtocol.Oidc).Select(p => NotifyAsync(p, cancellationToken)));
    }

    private async Task NotifyAsync(SessionParticipant participant, CancellationToken cancellationToken)
    {
        try
        {
            if (await grains.Reference<IOidcClientGrain>(participant.ServiceProviderId).GetAsync() is not { BackChannelLogoutUri: { } uri })
            {
                return;
            }

            var token = await writer.WriteAsync(urls.BaseUrl + "/", participant.ServiceProviderId, participant.NameId, participant.SessionIndex, cancellationToken);
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.PostAsync(uri, new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }), cancellationToken);
            Log.BackChannelLogoutSent(logger, participant.ServiceProviderId, (int)response.StatusCode);
        }
        // Best effort per client: a signature the pool cannot make now fails this notice, not the person's logout.
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or SigningUnavailableException or SigningKeyChangedException)
        {
            Log.BackChannelLogoutFailed(logger, participant.ServiceProviderId, ex.GetType().Name);
        }
    }
}
