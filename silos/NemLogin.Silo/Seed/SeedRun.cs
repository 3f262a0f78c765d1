using System.Diagnostics;
using NemLogin.Grains;
using NemLogin.Population;

namespace NemLogin.Silo.Seed;

/// <summary>
/// Writes the population phase by phase, in chunks of batches (<see cref="SeedBatches"/>) written with bounded concurrency. After each chunk the
/// checkpoint moves past it, so an interrupted run (Ctrl-C, a kill, a failed call) is taken up again at the chunk it was
/// in; what that chunk had already stored is repeated harmlessly. A call that fails for a passing reason (a timeout, a
/// silo leaving) is tried again a few times; a refusal by a grain's rules stops the run, since trying again cannot help.
/// Every write is durable on the synchronous standby when its call returns (<see cref="SeedBulkLoad"/> leaves commits as
/// they are), so a PostgreSQL failover during the seed only delays it: the calls it fails are tried again.
/// </summary>
internal sealed class SeedRun(PopulationWriter writer, SeedCounters counters, int concurrency, int chunk, Action<SeedCheckpoint> save)
{
    // A failing call is tried for about a minute (1, 2, 4, then 8 s apart): longer than a PostgreSQL failover takes.
    private const int Attempts = 10;

    public static IReadOnlyDictionary<SeedPhase, int> Totals(PopulationCounts counts) => new Dictionary<SeedPhase, int>
    {
        [SeedPhase.People] = counts.People,
        [SeedPhase.Organisations] = counts.Organisations,
        [SeedPhase.BusinessIdentities] = counts.BusinessIdentities,
        [SeedPhase.Mandates] = counts.Mandates,
    };

    /// <summary>Runs every phase from where <paramref name="checkpoint"/> says; answers the checkpoint at the end (all done).</summary>
    public async Task<SeedCheckpoint> RunAsync(SeedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var secondsBefore = checkpoint.Seconds;
        foreach (var phase in SeedPhase.All)
        {
            var total = counters.Totals[phase];
            var done = checkpoint.DoneIn(phase);
            counters.Set(phase, done);
            if (done >= total)
            {
                continue;
            }

            if (phase == SeedPhase.Mandates)
            {
                await writer.EnsureCataloguesAsync();
            }

            var (batches, write) = Writer(phase);
            var phaseClock = Stopwatch.StartNew();
            var phaseBefore = checkpoint.PhaseSeconds.GetValueOrDefault(phase.Name);
            while (done < total)
            {
                var chunkBatches = batches.From(done, chunk);
                await Parallel.ForEachAsync(chunkBatches, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                    async (batch, ct) =>
                    {
                        await WithRetriesAsync(() => write(batch), ct);
                        counters.Add(phase, batch.Length);
                    });
                done += chunkBatches.Sum(b => b.Length);
                counters.Set(phase, done);
                checkpoint = checkpoint with
                {
                    Done = new Dictionary<string, int>(checkpoint.Done) { [phase.Name] = done },
                    Seconds = secondsBefore + clock.Elapsed.TotalSeconds,
                    PhaseSeconds = new Dictionary<string, double>(checkpoint.PhaseSeconds) { [phase.Name] = phaseBefore + phaseClock.Elapsed.TotalSeconds },
                };
                save(checkpoint);
            }
        }

        return checkpoint;
    }

    // Each phase's order and batches, and the call that writes one batch.
    private (SeedBatches Batches, Func<int[], Task> Write) Writer(SeedPhase phase) =>
        phase == SeedPhase.People ? (SeedBatches.Single(counters.Totals[phase]), items => writer.WritePersonAsync(items[0]))
        : phase == SeedPhase.Organisations ? (SeedBatches.Single(counters.Totals[phase]), items => writer.WriteOrganisationAsync(items[0]))
        : phase == SeedPhase.BusinessIdentities ? (writer.EmployeeBatches(), writer.WriteEmployeesAsync)
        : phase == SeedPhase.Mandates ? (writer.MandateBatches(), writer.WriteMandatesAsync)
        : throw new ArgumentOutOfRangeException(nameof(phase), phase.Name, "No such phase.");

    private static async Task WithRetriesAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (Exception ex) when (attempt < Attempts && ex is not GrainRuleException and not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Orleans timeouts and a silo leaving mid-call: the same request id makes another attempt safe.
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, 1 << (attempt - 1))), cancellationToken);
            }
        }
    }
}

