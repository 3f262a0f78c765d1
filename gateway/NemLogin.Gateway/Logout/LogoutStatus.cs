namespace NemLogin.Gateway.Logout;

/// <summary>What the logout page polls: how many participants have yet to answer, and each one's status in flow order.</summary>
internal sealed record LogoutStatus(int Pending, IReadOnlyList<string> Targets);
