using NemLogin.Gateway.Saml;
using NemLogin.Grains.Sessions;
using NemLogin.Saml.Messages;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// Answers the service provider that asked for the logout: a signed LogoutResponse to the endpoint chosen from its
/// registration when its request was validated, echoing its RelayState (SAML Profiles 4.4.4.2).
/// </summary>
internal sealed class InitiatorResponder(SloMessenger messenger, IdentityProviderInfo idp, TimeProvider time)
{
    public Task<IResult> AnswerAsync(HttpContext context, LogoutInitiator initiator, string statusCode, string? subStatusCode, string? message)
    {
        var response = new LogoutResponse
        {
            InResponseTo = initiator.RequestId,
            IssueInstant = time.GetUtcNow(),
            Destination = initiator.ResponseUrl,
            Issuer = idp.EntityId,
            StatusCode = statusCode,
            SubStatusCode = subStatusCode,
            StatusMessage = message,
        };
        var target = new SloTarget(initiator.ResponseBinding, initiator.ResponseUrl);
        return messenger.SendResponseAsync(context, target, response, initiator.RelayState, framed: false);
    }
}
