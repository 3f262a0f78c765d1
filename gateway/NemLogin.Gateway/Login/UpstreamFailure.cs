namespace NemLogin.Gateway.Login;

/// <summary>Why an upstream login did not give the broker a session.</summary>
internal enum UpstreamFailure
{
    None,

    /// <summary>The person cancelled at the upstream.</summary>
    Cancelled,

    /// <summary>The upstream's answer could not be accepted (an <see cref="Upstream.UpstreamException"/> code says why).</summary>
    Failed,

    /// <summary>A forced authentication was answered from an earlier one.</summary>
    NotReauthenticated,

    /// <summary>The person authenticated below the level the party required.</summary>
    LevelNotReached,
}
