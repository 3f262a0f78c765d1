using NemLogin.Gateway.Sessions;
using NemLogin.Grains.Sessions;
using NemLogin.Grains;
using NemLogin.Saml.Messages;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// Finds the session a validated LogoutRequest is about. By its SessionIndex first: a LogoutRequest sent with HTTP-POST arrives
/// cross-site without the broker's SameSite=Lax cookie. Without a SessionIndex (SAML Core 3.7.1 allows that), the browser's
/// own session. Null when no live session has this SP as participant: it was logged out or expired already.
/// </summary>
internal sealed class SessionLocator(IGrainFactory grains, BrowserSessions sessions)
{
    public async Task<LocatedParticipant?> FindAsync(HttpContext context, string serviceProviderId, LogoutRequest request)
    {
        foreach (var sessionIndex in request.SessionIndexes)
        {
            // Only an index of the broker's own shape can have been issued: anything else activates nothing.
            if (!SessionIndexKey.IsWellFormed(sessionIndex))
            {
                continue;
            }

            var sessionId = await grains.Reference<ISessionIndexGrain>(SessionIndexKey.For(serviceProviderId, sessionIndex)).FindSessionAsync();
            if (sessionId is not null && await FindParticipantAsync(sessionId, serviceProviderId, sessionIndex) is { } found)
            {
                return found;
            }
        }

        // SAML Core 3.7.3.2: with SessionIndex values, only those sessions are meant; none of them is live any more.
        if (request.SessionIndexes.Count > 0 || sessions.Read(context) is not { } browserSessionId)
        {
            return null;
        }

        return await FindParticipantAsync(browserSessionId, serviceProviderId, sessionIndex: null);
    }

    private async Task<LocatedParticipant?> FindParticipantAsync(string sessionId, string serviceProviderId, string? sessionIndex)
    {
        var session = await grains.Reference<ISessionGrain>(sessionId).GetAsync();
        var participant = session?.Participants.FirstOrDefault(p =>
            p.Protocol == ParticipantProtocol.Saml
            && string.Equals(p.ServiceProviderId, serviceProviderId, StringComparison.Ordinal)
            && (sessionIndex is null || string.Equals(p.SessionIndex, sessionIndex, StringComparison.Ordinal)));
        return participant is null ? null : new LocatedParticipant(session!, participant);
    }
}
