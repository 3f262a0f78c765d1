using NemLogin.ClusterTls;
using Npgsql;
using NemLogin.Population;
using NemLogin.Silo.Hosting;
using Orleans.Configuration;

namespace NemLogin.Silo.Seed;

/// <summary>
/// The silo host's <c>seed</c> verb: writes the synthetic national population (<see cref="PopulationPlan"/>) at a fraction
/// of the national figures into a running cluster, as an Orleans client of it or (<c>--in-silo</c>) as a silo of it, so
/// everything goes through the grains' own rules and storage. Progress on stderr, one JSON line (<see cref="SeedResult"/>)
/// on stdout at the end.
/// Exit codes: 0 done, 1 failed (the checkpoint says how far it came), 2 usage, 130 interrupted.
/// </summary>
internal static class SeedCommand
{
    public static bool IsSeedCommand(string[] args) => args.Length > 0 && args[0] == "seed";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (arguments, problem) = SeedArguments.Parse(args[1..]);
        if (arguments is null)
        {
            await error.WriteLineAsync(problem + Environment.NewLine + SeedArguments.Usage);
            return 2;
        }

        IHostApplicationBuilder builder = arguments.InSilo
            ? WebApplication.CreateBuilder(arguments.HostArguments)
            : Host.CreateApplicationBuilder(arguments.HostArguments);
        var connectionString = builder.Configuration.GetConnectionString("Orleans");
        if (ClusterStoreChecks.PostgresProblem(connectionString, "PostgreSQL: the cluster the seed writes into", passwordRequired: false) is { } postgres)
        {
            await error.WriteLineAsync(postgres);
            return 2;
        }

        using var interrupted = new CancellationTokenSource();
        try
        {
            using var host = builder is WebApplicationBuilder silo ? BuildSilo(silo) : BuildClient((HostApplicationBuilder)builder, connectionString!);
            // The host's console lifetime takes Ctrl-C (SIGINT) and a process manager's SIGTERM for itself and only stops the
            // application: that stop interrupts the seed, which finishes the calls in flight and keeps the checkpoint, until
            // the seed itself stops the host.
            var stopSignal = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(interrupted.Cancel);
            await host.StartAsync(interrupted.Token);
            try
            {
                var result = await SeedAsync(host.Services.GetRequiredService<IGrainFactory>(), arguments, connectionString!, error, interrupted.Token);
                if (result is null)
                {
                    return 1;
                }

                await output.WriteLineAsync(result.ToJson());
                return 0;
            }
            finally
            {
                // However the seed ends, a silo leaves the membership table in order (no peer has to vote it dead).
                await stopSignal.DisposeAsync();
                using var stopping = new CancellationTokenSource(StopTimeout);
                await host.StopAsync(stopping.Token);
            }
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            await error.WriteLineAsync("seed: interrupted; run the same command again to go on from the checkpoint.");
            return 130;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"seed: failed: {ex.GetType().Name}: {ex.Message}{Environment.NewLine}Run the same command again to go on from the checkpoint.");
            return 1;
        }
    }

    private static async Task<SeedResult?> SeedAsync(IGrainFactory grains, SeedArguments arguments, string connectionString, TextWriter error, CancellationToken cancellationToken)
    {
        var checkpoint = arguments.CheckpointPath is { } path ? SeedCheckpoint.Load(path) : null;
        if (checkpoint?.Mismatch(arguments) is { } mismatch)
        {
            await error.WriteLineAsync($"seed: {mismatch}; a store holds one population: use another checkpoint file (and an empty store) for another.");
            return null;
        }

        // Mandates end 31 to 760 days after the first run: a run taken up again within a month stores the same content.
        checkpoint ??= new SeedCheckpoint
        {
            Scale = arguments.Scale,
            MitIdAuthority = arguments.MitIdAuthority,
            ItSystems = [.. arguments.ItSystems.Select(s => s.Key)],
            ValidityBase = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
            DatabaseBytesBefore = await DatabaseBytesAsync(connectionString, cancellationToken),
            Order = SeedCheckpoint.GroupedOrder,
        };
        var plan = new PopulationPlan(PopulationCounts.At(arguments.Scale), checkpoint.ValidityBase);
        checkpoint = checkpoint.InGroupedOrder(SeedRun.Totals(plan.Counts));
        var writer = new PopulationWriter(grains, plan, arguments.MitIdAuthority, arguments.ItSystems);
        if (await writer.FindUnregisteredAsync() is { } missing)
        {
            await error.WriteLineAsync($"seed: the IT system {missing.Key} is not registered; register it first (mandates cover registered systems only).");
            return null;
        }

        var counters = new SeedCounters(SeedRun.Totals(plan.Counts));
        var run = new SeedRun(writer, counters, arguments.Concurrency, arguments.ChunkSize, c =>
        {
            if (arguments.CheckpointPath is { } file)
            {
                c.Save(file);
            }
        });
        SeedCheckpoint done;
        if (arguments.BulkLoad)
        {
            await SeedBulkLoad.BeginAsync(connectionString, cancellationToken);
        }

        try
        {
            done = await SeedProgress.ShowAsync(counters, arguments.Progress, () => run.RunAsync(checkpoint, cancellationToken));
        }
        finally
        {
            if (arguments.BulkLoad)
            {
                await SeedBulkLoad.EndAsync(connectionString);
            }
        }

        var counts = plan.Counts;
        return new SeedResult(counts.Organisations, counts.BusinessIdentities, counts.Mandates, counts.People, Math.Round(done.Seconds, 1),
            await DatabaseBytesAsync(connectionString, cancellationToken) - done.DatabaseBytesBefore);
    }

    // Stdout carries only the result line: the host's own log lines (warnings and worse) go to stderr.
    private static void LogToStandardError(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
    }

    /// <summary>
    /// A silo of the cluster with the silo's own composition and settings (ports, TLS, HSM, data centre); the seed's calls
    /// start in its process, and with no other silo running every activation, directory entry and reminder is local too.
    /// Activations idle for <see cref="SeedCollectionAge"/> are collected (a national seed touches each item once or twice,
    /// so keeping them the default 15 minutes would only grow the heap), and no dashboard is served.
    /// </summary>
    private static WebApplication BuildSilo(WebApplicationBuilder builder)
    {
        // The silo's appsettings.json asks for information lines; the seed's own progress is what stderr is for.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        LogToStandardError(builder.Logging);
        builder.AddNemLoginClusterSilo();
        builder.Services.Configure<GrainCollectionOptions>(options => options.CollectionAge = SeedCollectionAge);
        return builder.Build();
    }

    private static readonly TimeSpan SeedCollectionAge = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    private static IHost BuildClient(HostApplicationBuilder builder, string connectionString)
    {
        LogToStandardError(builder.Logging);
        var endpoints = builder.Configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new();

        // The silos take only mutual-TLS callers with a certificate of the cluster CA: the seed presents one as a gateway does
        // (ClusterTls settings; none configured is a plain connection, which only a development cluster accepts).
        var (certificates, problems) = ClusterCertificates.Load(ClusterTlsOptions.Read(builder.Configuration), ClusterRole.Gateway, required: false, TimeProvider.System);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("seed: " + string.Join(" ", problems));
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = endpoints.ClusterId;
                cluster.ServiceId = endpoints.ServiceId;
            });
            client.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = ClusterStorageExtensions.PostgresInvariant;
                adoNet.ConnectionString = connectionString;
            });
            client.UseNemLoginClusterTls(certificates);
        });
        return builder.Build();
    }

    private static async Task<long> DatabaseBytesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
