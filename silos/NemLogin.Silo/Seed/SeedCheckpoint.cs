using System.Text.Json;

namespace NemLogin.Silo.Seed;

/// <summary>
/// How far a seed has come, kept in a file so a rerun after an interruption goes on from there: what it was asked for (a
/// rerun must ask for the same population), the validity base its mandates end from, the database size before it began,
/// the seconds spent so far (in all and per phase), the order of the grouped phases, and for each phase how many of its items, counted from the first, are stored. Items past that
/// mark may be stored too; the rerun repeats them, which their request ids make harmless.
/// </summary>
internal sealed record SeedCheckpoint
{
    public required double Scale { get; init; }

    public required string MitIdAuthority { get; init; }

    public required IReadOnlyList<string> ItSystems { get; init; }

    public required DateOnly ValidityBase { get; init; }

    public required long DatabaseBytesBefore { get; init; }

    public double Seconds { get; init; }

    public Dictionary<string, int> Done { get; init; } = [];

    /// <summary>The seconds each phase took over every run (the per-phase rates in docs/benchmarks.md come from here).</summary>
    public Dictionary<string, double> PhaseSeconds { get; init; } = [];

    /// <summary>
    /// The order the business identities and mandates are written in: 2 since they go grouped by organisation and by
    /// grantor (<see cref="SeedBatches"/>); a checkpoint without it counted them in index order.
    /// </summary>
    public int Order { get; init; }

    public const int GroupedOrder = 2;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public int DoneIn(SeedPhase phase) => Done.GetValueOrDefault(phase.Name);

    /// <summary>Why this checkpoint belongs to another population than <paramref name="arguments"/> asks for, or null.</summary>
    public string? Mismatch(SeedArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return Scale != arguments.Scale ? $"the checkpoint is of scale {Scale}, not {arguments.Scale}"
            : MitIdAuthority != arguments.MitIdAuthority ? $"the checkpoint's MitID authority is {MitIdAuthority}"
            : !ItSystems.SequenceEqual(arguments.ItSystems.Select(s => s.Key)) ? "the checkpoint's mandates cover other IT systems"
            : null;
    }

    /// <summary>
    /// This checkpoint counting in the grouped order. One of an earlier seed counted the business identities and mandates in
    /// index order: a phase of those it had not finished starts again from its first item (what is stored is answered as
    /// stored: every item keeps its request id).
    /// </summary>
    public SeedCheckpoint InGroupedOrder(IReadOnlyDictionary<SeedPhase, int> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (Order >= GroupedOrder)
        {
            return this;
        }

        var done = new Dictionary<string, int>(Done);
        foreach (var phase in new[] { SeedPhase.BusinessIdentities, SeedPhase.Mandates })
        {
            if (DoneIn(phase) < totals[phase])
            {
                done.Remove(phase.Name);
            }
        }

        return this with { Done = done, Order = GroupedOrder };
    }

    public static SeedCheckpoint? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<SeedCheckpoint>(File.ReadAllText(path), Json) : null;

    /// <summary>Writes the file whole or not at all (a new file moved over the old), so an interruption never leaves half of one.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
