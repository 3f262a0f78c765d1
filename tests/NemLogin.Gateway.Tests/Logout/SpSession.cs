namespace NemLogin.Gateway.Tests.Logout;

/// <summary>What a service provider keeps from its assertion to log the person out later.</summary>
public sealed record SpSession(string NameId, string NameIdFormat, string SessionIndex);
