using System.Globalization;

namespace NemLogin.Gateway.Logout;

/// <summary>
/// The IDs of the LogoutRequests the broker sends to participants: the flow id and the participant's position, so the
/// LogoutResponse's InResponseTo leads back to both without another lookup. Knowing a flow id gives no power over it: the
/// browser's flow cookie drives the flow, and only the named participant's signed answer settles its position.
/// </summary>
internal static class LogoutRequestIds
{
    public static string For(string flowId, int index) => "_" + flowId + "-" + index.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? requestId, out string flowId, out int index)
    {
        flowId = string.Empty;
        index = -1;
        var dash = requestId?.LastIndexOf('-') ?? -1;
        if (requestId is null || dash < 1 || requestId[0] != '_')
        {
            return false;
        }

        var candidate = requestId[1..dash];
        if (!LogoutFlowId.IsValid(candidate)
            || !int.TryParse(requestId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        flowId = candidate;
        index = parsed;
        return true;
    }
}
