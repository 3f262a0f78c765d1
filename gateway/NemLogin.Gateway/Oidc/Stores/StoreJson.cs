using System.Collections.Immutable;
using System.Text.Json;

namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>The properties OpenIddict keeps beside an entry, as one JSON object text in grain state.</summary>
internal static class StoreJson
{
    public static ImmutableDictionary<string, JsonElement> Read(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary<string, JsonElement>.Empty
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToImmutableDictionary(StringComparer.Ordinal);

    public static string? Write(ImmutableDictionary<string, JsonElement> properties) =>
        properties is null || properties.IsEmpty ? null : JsonSerializer.Serialize(properties);
}
