using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NemLogin.Gateway.Sessions;

/// <summary>
/// A name for a session that logs and audit records may carry. The session id itself is a bearer secret (it is the
/// cookie), so only a one-way digest of it ever leaves the session grain's key.
/// </summary>
internal static class SessionReference
{
    public static string For(string sessionId) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)).AsSpan(0, 12));
}
