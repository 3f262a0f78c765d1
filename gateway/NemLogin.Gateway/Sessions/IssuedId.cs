namespace NemLogin.Gateway.Sessions;

/// <summary>
/// An id the broker issued: <see cref="Key"/> (256 random bits, base64url) keys the grain and never leaves the broker;
/// <see cref="Token"/> is what travels through the browser (cookie, <c>state</c>, URL) and proves the broker made it.
/// </summary>
internal readonly record struct IssuedId(string Key, string Token);
