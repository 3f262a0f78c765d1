using System.Globalization;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Profiles;

/// <summary>
/// The named load profiles. Open-model profiles inject logins at a rate whatever the broker answers, as citizens
/// arrive; <c>constant</c> keeps a number of users looping (closed model) to find the throughput at saturation.
/// </summary>
public static class ProfileCatalog
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultSoakDuration = TimeSpan.FromHours(2);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<string> Names { get; } = ["average", "peak", "peak-day", "soak", "stress", "constant"];

    public static ProfilePlan Build(ProfileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var duration = request.Duration ?? DefaultDuration;
        return request.Name.ToLowerInvariant() switch
        {
            "average" => Open(request, NationalFigures.AverageLoginsPerSecond, duration, "national average: 30 million logins a month"),
            "peak" => Open(request, NationalFigures.PeakLoginsPerSecond, duration, "peak hour: 10 × the national average"),
            "peak-day" => Open(request, NationalFigures.PeakDayLoginsPerSecond, duration, "busiest day's peak: 30 × the national average"),
            "soak" => Open(request, NationalFigures.PeakLoginsPerSecond, request.Duration ?? DefaultSoakDuration, "soak: peak-hour load held for hours"),
            "stress" => Stress(request),
            "constant" => Constant(request, duration),
            _ => throw new ArgumentException($"No profile '{request.Name}'. Known: {string.Join(", ", Names)}, or a JSON file's own simulations."),
        };
    }

    private static ProfilePlan Open(ProfileRequest request, double nationalRate, TimeSpan duration, string what)
    {
        var rate = request.Rate ?? nationalRate;
        var description = request.Rate is null
            ? $"{what} ({F(rate)} logins/s)"
            : $"{what}, rate set to {F(rate)} logins/s on the command line";
        return new ProfilePlan(request.Name, description, [new Inject(rate, Second, duration)], WarmUp(request, rate), null);
    }

    private static ProfilePlan Stress(ProfileRequest request)
    {
        var s = request.Stress;
        if (s.StartRate <= 0 || s.StepRate <= 0 || s.MaxRate < s.StartRate)
        {
            throw new ArgumentException("Stress needs a start rate and a step above zero and a maximum rate at or above the start.");
        }

        var steps = new List<LoadSimulation>();
        for (var rate = s.StartRate; rate <= s.MaxRate + 1e-9; rate += s.StepRate)
        {
            steps.Add(new Inject(rate, Second, s.StepDuration));
        }

        var description = $"{F(s.StartRate)} logins/s up by {F(s.StepRate)} every {Configuration.DurationText.Format(s.StepDuration)} " +
            $"to at most {F(s.MaxRate)}, until p99 > {F(s.MaxP99Ms)} ms or errors > {F(s.MaxFailPercent)} %";
        return new ProfilePlan(request.Name, description, steps, WarmUp(request, s.StartRate), new StressCriteria(s.MaxP99Ms, s.MaxFailPercent));
    }

    private static ProfilePlan Constant(ProfileRequest request, TimeSpan duration)
    {
        var copies = Math.Max(1, request.Copies);
        var warmUp = request.WarmUp > TimeSpan.Zero ? new LoadSimulation[] { new KeepConstant(copies, request.WarmUp) } : [];
        return new ProfilePlan(request.Name, $"closed model: {copies} users logging in back to back", [new KeepConstant(copies, duration)], warmUp, null);
    }

    private static LoadSimulation[] WarmUp(ProfileRequest request, double rate) =>
        request.WarmUp > TimeSpan.Zero ? [new Inject(rate, Second, request.WarmUp)] : [];

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
