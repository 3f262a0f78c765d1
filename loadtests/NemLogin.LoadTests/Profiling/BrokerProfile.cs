using System.Globalization;

namespace NemLogin.LoadTests.Profiling;

/// <summary>The broker profile of a run: stops the capture, sums it up into <c>broker-profile.md</c>, and says so in one line for the report.</summary>
public static class BrokerProfile
{
    public const string TraceFile = "broker-profile.nettrace";
    public const string SummaryFile = "broker-profile.md";

    public static async Task<string> FinishAsync(ProfileCapture capture, string directory)
    {
        ArgumentNullException.ThrowIfNull(capture);
        await capture.StopAsync();
        var profile = ProfileAnalyzer.Analyze(Path.Combine(directory, TraceFile));
        await File.WriteAllTextAsync(Path.Combine(directory, SummaryFile), ProfileMarkdown.Write(profile, "broker"));
        var top = string.Join(", ", profile.Categories.Take(6).Select(c =>
            $"{c.Name} {(profile.BusySamples == 0 ? 0 : c.Samples * 100.0 / profile.BusySamples).ToString("0", CultureInfo.InvariantCulture)} %"));
        return $"Broker CPU profile ({SummaryFile}, {profile.BusySamples:N0} working samples): {top}.";
    }
}
