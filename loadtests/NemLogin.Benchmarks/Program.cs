using System.Globalization;
using NemLogin.Benchmarks;

// dotnet run -c Release --project loadtests/NemLogin.Benchmarks [-- [responses] <seconds per measurement, default 3> <rounds, default 3>]
// Every configuration is measured once per round, rounds interleaved, and the median round is reported, so a burst of
// other work on the machine hits all configurations alike. Prints Markdown for docs/benchmarks.md. `responses` measures
// writing one login's SAML Response instead of signing.
var responsesVerb = args.Length > 0 && args[0] == "responses";
var numbers = responsesVerb ? args[1..] : args;
var seconds = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 3;
var rounds = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 3;
var duration = TimeSpan.FromSeconds(seconds);
if (responsesVerb)
{
    Console.WriteLine($"Machine: {MachineDescription.Describe()}");
    Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
    await ResponseWritingBenchmark.RunAsync(duration, rounds);
    return;
}

var message = new byte[1200];
Random.Shared.NextBytes(message);

Console.WriteLine($"Machine: {MachineDescription.Describe()}");
Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
var folder = SoftHsmToken.Create();
try
{
    var multi = Math.Max(2, Environment.ProcessorCount);
    var configurations = new List<(string Key, Func<Task<Measurement>> Run)>();
    foreach (var sessions in new[] { 1, multi }.Distinct())
    {
        configurations.Add(($"raw-{sessions}", () => Task.FromResult(RawSoftHsmBenchmark.Run(sessions, duration, message))));
    }

    foreach (var sessions in new[] { 1, 2, 4, 8 })
    {
        configurations.Add(($"pool-{sessions}", () => StoreBenchmark.RunAsync(sessions, callers: Math.Max(16, 4 * sessions), duration, message)));
    }

    var results = configurations.ToDictionary(c => c.Key, _ => new List<Measurement>());
    for (var round = 1; round <= rounds; round++)
    {
        foreach (var (key, run) in configurations)
        {
            var measurement = await run();
            results[key].Add(measurement);
            Console.WriteLine($"round {round}: {Format(measurement)}");
        }
    }

    var openssl = OpenSslSpeed.Run();
    Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine();
    Console.WriteLine($"Median of {rounds} rounds of {seconds} s:");
    Console.WriteLine();
    Console.WriteLine("| measured | sessions / pool size | signatures/s (median) | all rounds | process CPU µs per signature (median) |");
    Console.WriteLine("| --- | ---: | ---: | --- | ---: |");
    var medians = new Dictionary<string, Measurement>();
    foreach (var (key, _) in configurations)
    {
        var ordered = results[key].OrderBy(m => m.PerSecond).ToList();
        var median = medians[key] = ordered[ordered.Count / 2];
        var cpu = results[key].Select(m => m.CpuMicrosecondsPerSignature).Order().ElementAt(ordered.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {median.What} | {median.Parallelism} | {median.PerSecond:F0} | {string.Join(", ", results[key].Select(m => m.PerSecond.ToString("F0", CultureInfo.InvariantCulture)))} | {cpu:F0} |"));
    }

    if (openssl is { } o)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `openssl speed -seconds 3 rsa2048` (one core) | 1 | {o.SignsPerSecond:F0} | | |"));
    }

    var rawMulti = medians[$"raw-{multi}"].PerSecond;
    var bestPool = medians.Where(m => m.Key.StartsWith("pool", StringComparison.Ordinal)).Max(m => m.Value.PerSecond);
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best pool median / raw {multi}-session median: {bestPool / rawMulti:P0} (target at least 80 %)."));
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string Format(Measurement m) =>
    string.Create(CultureInfo.InvariantCulture, $"{m.What}, {m.Parallelism}: {m.PerSecond:F0}/s, {m.CpuMicrosecondsPerSignature:F0} µs CPU per signature");
