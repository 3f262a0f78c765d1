namespace NemLogin.Silo.Seed;

/// <summary>What each phase has to do and has done so far (stored items, counted from the first), read by the progress display.</summary>
internal sealed class SeedCounters(IReadOnlyDictionary<SeedPhase, int> totals)
{
    private readonly Dictionary<SeedPhase, StrongBox> _done = totals.Keys.ToDictionary(p => p, _ => new StrongBox());

    public IReadOnlyDictionary<SeedPhase, int> Totals => totals;

    public long Done(SeedPhase phase) => Interlocked.Read(ref _done[phase].Value);

    public void Set(SeedPhase phase, long done) => Interlocked.Exchange(ref _done[phase].Value, done);

    public void Add(SeedPhase phase, int items) => Interlocked.Add(ref _done[phase].Value, items);

    private sealed class StrongBox
    {
        public long Value;
    }
}
