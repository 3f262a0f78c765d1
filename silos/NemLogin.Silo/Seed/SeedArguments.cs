using System.Globalization;
using NemLogin.Grains.Rights;
using NemLogin.Population;

namespace NemLogin.Silo.Seed;

/// <summary>What <c>NemLogin.Silo seed</c> was asked for; anything it does not know is host configuration (<c>--Key=value</c>).</summary>
internal sealed record SeedArguments(
    double Scale,
    string MitIdAuthority,
    IReadOnlyList<ItSystem> ItSystems,
    string? CheckpointPath,
    int Concurrency,
    int ChunkSize,
    bool Progress,
    bool BulkLoad,
    bool InSilo,
    string[] HostArguments)
{
    public const int DefaultConcurrency = 64;

    /// <summary>The load runner's default virtual SPs (<c>prepare</c> without options): what seeded mandates cover unless told.</summary>
    public static IReadOnlyList<ItSystem> LoadRunnerSystems { get; } =
        [.. Enumerable.Range(1, 4).Select(i => ItSystem.Saml(string.Create(CultureInfo.InvariantCulture, $"https://load-sp.nemlogin.test/load-sp-{i:000}/saml")))];

    public const string Usage = """
        Usage: NemLogin.Silo seed --scale F --mitid-authority URL [--it-system ID]... [--checkpoint FILE]
                                  [--concurrency N] [--bulk-load] [--in-silo] [--no-progress] [--ConnectionStrings:Orleans=…] [--Orleans:ClusterId=…]
          --scale F            fraction of the national figures (0 < F <= 2; 1 = 340,000 organisations,
                               1,236,379 business identities, 3,252,353 mandates, 1,000,000 people)
          --mitid-authority    the MitID issuer the gateways log in through (the simulator's: http://host:port/mitid-sim);
                               people are filed under it as a MitID login files them
          --it-system ID       an IT system every mandate covers: a SAML entityID, saml|entityID or oidc|client_id;
                               repeatable; registered beforehand. Default: the load runner's load-sp-001…004
          --checkpoint FILE    where progress is kept, so a rerun after an interruption goes on where it stopped
          --concurrency N      grain calls in flight at once (default 64)
          --chunk N            items between checkpoints (default 40 × concurrency, at least 1,000)
          --bulk-load          PostgreSQL checkpoints at most every 30 min or 16 GB of WAL while the seed runs (the whole
                               server; reset at the end): less WAL; commits stay durable. Superuser only
          --in-silo            run as a silo of the cluster (a silo's settings: ports, TLS, HSM) and write through its own
                               grains, with no client hop; with the other silos stopped every call stays in this process
          --no-progress        no progress on stderr (the final JSON line on stdout stays)
        """;

    /// <summary>The arguments after <c>seed</c>, or the problem with them.</summary>
    public static (SeedArguments? Arguments, string? Problem) Parse(IReadOnlyList<string> args)
    {
        double? scale = null;
        string? authority = null;
        string? checkpoint = null;
        var concurrency = DefaultConcurrency;
        var chunk = 0;
        var progress = true;
        var bulkLoad = false;
        var inSilo = false;
        var systems = new List<ItSystem>();
        var host = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            try
            {
                switch (arg)
                {
                    case "--scale":
                        scale = PopulationCounts.TryParseScale(Value(), out var parsed) ? parsed
                            : throw new ArgumentException($"--scale is a fraction of the national figures above 0 and at most {PopulationCounts.MaxScale}.");
                        break;
                    case "--mitid-authority":
                        authority = Uri.TryCreate(Value(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.OriginalString
                            : throw new ArgumentException("--mitid-authority is an absolute http(s) URL (the MitID issuer).");
                        break;
                    case "--it-system":
                        var text = Value();
                        systems.Add(ItSystem.FromKey(text) ?? ItSystem.FromKey("saml|" + text)
                            ?? throw new ArgumentException($"--it-system '{text}' is no SAML entityID or oidc|client_id."));
                        break;
                    case "--checkpoint":
                        checkpoint = Value();
                        break;
                    case "--concurrency":
                        concurrency = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4096 ? n
                            : throw new ArgumentException("--concurrency is a whole number from 1 to 4096.");
                        break;
                    case "--chunk":
                        chunk = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c >= 1 ? c
                            : throw new ArgumentException("--chunk is a whole number of 1 or more.");
                        break;
                    case "--bulk-load":
                        bulkLoad = true;
                        break;
                    case "--in-silo":
                        inSilo = true;
                        break;
                    case "--no-progress":
                        progress = false;
                        break;
                    default:
                        host.Add(arg);
                        break;
                }
            }
            catch (ArgumentException ex)
            {
                return (null, ex.Message);
            }
        }

        if (scale is null || authority is null)
        {
            return (null, "--scale and --mitid-authority are required.");
        }

        return (new SeedArguments(scale.Value, authority, systems.Count > 0 ? [.. systems.Distinct()] : LoadRunnerSystems, checkpoint, concurrency,
            chunk > 0 ? chunk : Math.Max(1_000, concurrency * 40), progress, bulkLoad, inSilo, [.. host]), null);
    }
}
