namespace NemLogin.Silo.Seed;

/// <summary>One kind of entity the seed writes, in the order it writes them (each needs the ones before it).</summary>
internal sealed record SeedPhase(string Name, string Title)
{
    public static SeedPhase People { get; } = new("people", "People (MitID link, identity, CPR index)");

    public static SeedPhase Organisations { get; } = new("organisations", "Organisations");

    public static SeedPhase BusinessIdentities { get; } = new("businessIdentities", "Business identities");

    public static SeedPhase Mandates { get; } = new("mandates", "Mandates (grant, index, expiry)");

    public static IReadOnlyList<SeedPhase> All { get; } = [People, Organisations, BusinessIdentities, Mandates];
}
