using NemLogin.Grains.Errors;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using NemLogin.Gateway.ServiceProviders;

namespace NemLogin.Gateway.Admin;

/// <summary>Reads an admin request body after checking its media type and size; a problem result otherwise.</summary>
internal static class RequestBody
{
    /// <summary>SAML Metadata 4.1 registers this media type for metadata documents.</summary>
    public const string SamlMetadataMediaType = "application/samlmetadata+xml";

    /// <summary>SP metadata with a few certificates is tens of kilobytes.</summary>
    public const int MaxMetadataBytes = 128 * 1024;

    private const int MaxJsonBytes = 32 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(string? Text, IResult? Problem)> ReadMetadataAsync(HttpRequest request)
    {
        if (!HasMediaType(request, SamlMetadataMediaType))
        {
            return (null, UnsupportedMediaType(SamlMetadataMediaType));
        }

        var bytes = await ReadCappedAsync(request, MaxMetadataBytes);
        return bytes is null ? (null, TooLarge(MaxMetadataBytes)) : (MetadataText.Decode(bytes), null);
    }

    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request)
        where T : class
    {
        if (!HasMediaType(request, "application/json"))
        {
            return (null, UnsupportedMediaType("application/json"));
        }

        var bytes = await ReadCappedAsync(request, MaxJsonBytes);
        if (bytes is null)
        {
            return (null, TooLarge(MaxJsonBytes));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json) is { } value
                ? (value, null)
                : (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, AdminProblems.Invalid(BrokerErrors.Name(BrokerError.AdminRequestInvalid), "The body is not valid JSON for this resource."));
        }
    }

    private static bool HasMediaType(HttpRequest request, string expected) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, expected, StringComparison.OrdinalIgnoreCase);

    // The declared length is checked first (nothing is read); a chunked body is counted while it streams.
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int maxBytes) =>
        request.ContentLength > maxBytes ? null : await BoundedBody.ReadAsync(request.Body, maxBytes, request.HttpContext.RequestAborted);

    private static IResult UnsupportedMediaType(string expected) => AdminProblems.Problem(
        StatusCodes.Status415UnsupportedMediaType, BrokerErrors.Name(BrokerError.AdminUnsupportedMediaType), "Unsupported media type", $"Send the body as {expected}.");

    private static IResult TooLarge(int maxBytes) => AdminProblems.Problem(
        StatusCodes.Status413PayloadTooLarge, BrokerErrors.Name(BrokerError.AdminBodyTooLarge), "Body too large", $"The body may be at most {maxBytes} bytes.");
}
