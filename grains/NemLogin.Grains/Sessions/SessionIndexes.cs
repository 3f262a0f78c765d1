using System.Security.Cryptography;

namespace NemLogin.Grains.Sessions;

internal static class SessionIndexes
{
    // Core 2.7.2: a SessionIndex SHOULD NOT let SPs correlate the principal's activity across participants, so each
    // SP gets its own random value. The leading underscore matches the broker's other identifiers (an XML NCName).
    public static string New() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
