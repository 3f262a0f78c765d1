namespace NemLogin.Gateway.Upstream;

/// <summary>The upstream login failed. <see cref="Code"/> is stable (e.g. <c>upstream.cancelled</c>, <c>upstream.token-invalid</c>).</summary>
public sealed class UpstreamException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
