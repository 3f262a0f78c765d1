using Microsoft.AspNetCore.Http.Features;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// Reads the entityID from <c>/service-providers/{id}</c>, where the client percent-encodes it as one path segment
/// (<c>https%3A%2F%2Fsp.example.dk%2Fsaml</c>). It is decoded exactly once from the raw request target: the server's
/// decoded path keeps <c>%2F</c> but turns <c>%25</c> into <c>%</c>, so decoding that again would change some entityIDs.
/// </summary>
internal static class EntityIdSegment
{
    private const string Collection = "service-providers";

    public static string? Read(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return null;
        }

        var path = raw.Split('?', 2)[0];
        var segments = path.Split('/');
        var at = Array.FindIndex(segments, s => string.Equals(s, Collection, StringComparison.OrdinalIgnoreCase));
        if (at < 0 || at + 1 >= segments.Length || segments[at + 1].Length == 0)
        {
            return null;
        }

        var entityId = Uri.UnescapeDataString(segments[at + 1]);
        return entityId.Length is > 0 and <= 1024 ? entityId : null;
    }
}
