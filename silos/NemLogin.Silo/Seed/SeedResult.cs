using System.Text.Json;
using System.Text.Json.Serialization;

namespace NemLogin.Silo.Seed;

/// <summary>
/// The seed's one line on stdout when the whole population is stored: how many of each, the seconds spent over every run
/// that built it, and how much the database grew (<c>pg_database_size</c> now minus before the first run).
/// </summary>
internal sealed record SeedResult(
    [property: JsonPropertyName("organisations")] int Organisations,
    [property: JsonPropertyName("businessIdentities")] int BusinessIdentities,
    [property: JsonPropertyName("mandates")] int Mandates,
    [property: JsonPropertyName("people")] int People,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("bytes")] long Bytes)
{
    public string ToJson() => JsonSerializer.Serialize(this);
}
