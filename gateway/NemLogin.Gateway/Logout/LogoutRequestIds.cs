using System.Buffers.Text;
using System.Globalization;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// The IDs of the LogoutRequests the broker sends to participants: the flow's token (base64url, see
/// <see cref="Sessions.IssuedIds"/>) and the participant's position, so the LogoutResponse's InResponseTo leads back to both
/// without another lookup. Knowing a flow token gives no power over it: the browser's flow cookie drives the flow, and only
/// the named participant's signed answer settles its position.
/// </summary>
internal static class LogoutRequestIds
{
    public static string For(string flowToken, int index) => "_" + flowToken + "-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits an ID of <see cref="For"/> into the flow token (still to be checked by its issuer) and the position.</summary>
    public static bool TryParse(string? requestId, out string flowToken, out int index)
    {
        flowToken = string.Empty;
        index = -1;
        var dash = requestId?.LastIndexOf('-') ?? -1;
        if (requestId is null || dash < 1 || requestId[0] != '_')
        {
            return false;
        }

        var candidate = requestId[1..dash];
        if (candidate.Length == 0 || !Base64Url.IsValid(candidate)
            || !int.TryParse(requestId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        flowToken = candidate;
        index = parsed;
        return true;
    }
}
