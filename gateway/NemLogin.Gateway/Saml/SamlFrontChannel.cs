using NemLogin.Grains.Replay;
using NemLogin.Grains;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Saml;

/// <summary>
/// The browser side of every SAML exchange, for SSO and SLO alike: reading an HTTP-POST form (exactly one message, RelayState
/// within its 80 bytes, caps before decoding), recording a received message's ID against replay, and carrying answers with
/// the one auto-post page (<see cref="PostBindingPage"/>). HTTP-Redirect decoding is <see cref="RedirectBinding"/>'s.
/// </summary>
internal sealed class SamlFrontChannel(IGrainFactory grains, TimeProvider time)
{
    /// <summary>
    /// How long a received ID stays recorded: longer than any message can be accepted at all (10 minutes of age and 5 of
    /// skew either side, <see cref="MessageAge.AcceptanceWindow"/>: 20 minutes), so that once it has passed a replay is
    /// refused as too old. Not 24 hours, as the Java reference keeps: every login's record would then stay a day, about ten
    /// million at the national peak rate, for no protection the age check does not already give.
    /// </summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Reads the one message of an HTTP-POST form, carried by one of <paramref name="parameters"/> (SAML Bindings 3.5.3);
    /// throws <see cref="SamlException"/> with a stable code when the form is missing, carries none or several, RelayState is
    /// over 80 bytes, or the message is too large or not base64.
    /// </summary>
    public static async Task<PostedMessage> ReadPostAsync(HttpContext context, params string[] parameters)
    {
        if (!context.Request.HasFormContentType)
        {
            throw new SamlException(SamlErrorCode.MessageMissing, $"The POST binding needs a form with {string.Join(" or ", parameters)}.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var present = parameters.Where(p => form[p].Count > 0).ToList();
        if (present.Count != 1 || form[present[0]].Count != 1 || form[present[0]].ToString().Length == 0)
        {
            throw new SamlException(SamlErrorCode.MessageMissing, $"The form must carry exactly one {string.Join(" or ", parameters)}.");
        }

        var relayState = form["RelayState"].Count == 0 ? null : form["RelayState"].ToString();
        if (relayState is not null && System.Text.Encoding.UTF8.GetByteCount(relayState) > SamlLimits.Default.MaxRelayStateBytes)
        {
            throw new SamlException(SamlErrorCode.RelayStateTooLong, "RelayState is longer than 80 bytes.");
        }

        var encoded = form[present[0]].ToString();
        return new PostedMessage(present[0], encoded, PostBinding.Decode(encoded, SamlLimits.Default), relayState, form);
    }

    /// <summary>
    /// Records <paramref name="id"/> of a message from <paramref name="issuer"/> as used; false when it was used before (a
    /// replay). Call it only after the message's signature passed, so forged messages cannot burn a real party's IDs.
    /// </summary>
    public Task<bool> FirstUseAsync(string kind, string issuer, string id) =>
        grains.Reference<IOneTimeIdGrain>(OneTimeIdKey.For(kind, issuer, id)).TryUseAsync(time.GetUtcNow() + ReplayWindow);
}
