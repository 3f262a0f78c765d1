using System.Globalization;
using NemLogin.Benchmarks;

// dotnet run -c Release --project loadtests/NemLogin.Benchmarks [-- <seconds per measurement, default 5>]
// Prints a Markdown table for docs/benchmarks.md.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);
var message = new byte[1200];
Random.Shared.NextBytes(message);

Console.WriteLine($"Machine: {MachineDescription.Describe()}");
var folder = SoftHsmToken.Create();
try
{
    var rows = new List<Measurement>();
    var multi = Math.Max(2, Environment.ProcessorCount);
    foreach (var sessions in new[] { 1, multi }.Distinct())
    {
        rows.Add(RawSoftHsmBenchmark.Run(sessions, duration, message));
        Console.WriteLine(Format(rows[^1]));
    }

    foreach (var sessions in new[] { 1, 2, 4, 8 })
    {
        rows.Add(await PoolBenchmark.RunAsync(sessions, callers: Math.Max(16, 4 * sessions), duration, message));
        Console.WriteLine(Format(rows[^1]));
    }

    var openssl = OpenSslSpeed.Run();
    Console.WriteLine();
    Console.WriteLine("| measured | sessions / pool size | signatures | seconds | signatures/s |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
    foreach (var row in rows)
    {
        Console.WriteLine(Format(row));
    }

    if (openssl is { } o)
    {
        Console.WriteLine($"| `openssl speed -seconds 3 rsa2048` (one core) | 1 | | 3 | {o.SignsPerSecond.ToString("F0", CultureInfo.InvariantCulture)} |");
    }

    var rawMulti = rows.Where(r => r.What.StartsWith("raw", StringComparison.Ordinal)).Max(r => r.PerSecond);
    var bestPool = rows.Where(r => r.What.StartsWith("signer", StringComparison.Ordinal)).Max(r => r.PerSecond);
    Console.WriteLine();
    Console.WriteLine($"Best pool / best raw multi-session: {bestPool / rawMulti:P0} (target at least 80%).");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string Format(Measurement m) =>
    string.Create(CultureInfo.InvariantCulture, $"| {m.What} | {m.Parallelism} | {m.Signatures} | {m.Elapsed.TotalSeconds:F1} | {m.PerSecond:F0} |");
