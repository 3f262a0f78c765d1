using NemLogin.Grains.Sessions;

namespace NemLogin.Gateway.Login;

/// <summary>The outcome of an upstream login: the new session, or the failure and its stable code.</summary>
internal sealed record UpstreamResult(UpstreamFailure Failure, string? Code, SessionSnapshot? Session);
