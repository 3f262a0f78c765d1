using NemLogin.Grains.Sessions;

namespace NemLogin.Gateway.Login;

/// <summary>
/// The outcome of an upstream login: the failure and its stable code, or the new session — with the assertion for the
/// party that asked when the session was started for one.
/// </summary>
internal sealed record UpstreamResult(UpstreamFailure Failure, string? Code)
{
    public SessionSnapshot? Session { get; init; }

    public SessionAssertion? Assertion { get; init; }
}
