using System.Collections.Immutable;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Gateway.Hosting;
using NemLogin.Grains.Oidc;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;

namespace NemLogin.Gateway.Oidc.Logout;

/// <summary>
/// OIDC Front-Channel Logout 1.0 §2–3: for each OpenID Connect client of an ended session that registered a
/// <c>frontchannel_logout_uri</c>, the URL the logout page loads in a frame of this browser, with <c>iss</c> and the
/// client's own <c>sid</c> when it asked for them. Only ever shown to the browser that held the session.
/// </summary>
internal sealed class FrontChannelLogout(IGrainFactory grains, IBrokerUrls urls)
{
    public async Task<ImmutableArray<string>> FramesAsync(SessionSnapshot ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var frames = ImmutableArray.CreateBuilder<string>();
        foreach (var participant in ended.Participants.Where(p => p.Protocol == ParticipantProtocol.Oidc))
        {
            if (await grains.Reference<IOidcClientGrain>(participant.ServiceProviderId).GetAsync() is not { FrontChannelLogoutUri: { } uri } client)
            {
                continue;
            }

            frames.Add(client.FrontChannelLogoutSessionRequired
                ? QueryHelpers.AddQueryString(uri, new Dictionary<string, string?> { ["iss"] = urls.BaseUrl + "/", ["sid"] = participant.SessionIndex })
                : uri);
        }

        return frames.ToImmutable();
    }
}
