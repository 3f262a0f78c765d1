using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NemLogin.LoadTests.Profiles;
using NemLogin.LoadTests.Simulations;

namespace NemLogin.LoadTests.Configuration;

/// <summary>
/// Options from a JSON file (<c>--config run.json</c>): the same names as the command line in camelCase, durations as
/// text (<c>"60s"</c>), and per scenario an optional weight and simulation chain, e.g.
/// <c>{"type": "RampingInject", "rate": 100, "interval": "1s", "during": "30s"}</c>.
/// </summary>
public static class OptionsFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static RunnerOptions Apply(RunnerOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsFileModel model;
        try
        {
            model = JsonSerializer.Deserialize<OptionsFileModel>(File.ReadAllText(path), Json) ?? new OptionsFileModel();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{path}: {ex.Message}", ex);
        }

        var stress = options.Stress;
        if (model.Stress is { } s)
        {
            stress = stress with
            {
                StartRate = s.StartRate ?? stress.StartRate,
                StepRate = s.StepRate ?? stress.StepRate,
                StepDuration = s.StepDuration is null ? stress.StepDuration : DurationText.Parse(s.StepDuration),
                MaxRate = s.MaxRate ?? stress.MaxRate,
                MaxP99Ms = s.MaxP99Ms ?? stress.MaxP99Ms,
                MaxFailPercent = s.MaxFailPercent ?? stress.MaxFailPercent,
            };
        }

        return options with
        {
            Target = model.Target is null ? options.Target : new Uri(model.Target),
            Profile = model.Profile ?? options.Profile,
            Duration = model.Duration is null ? options.Duration : DurationText.Parse(model.Duration),
            WarmUp = model.WarmUp is null ? options.WarmUp : ParseZeroable(model.WarmUp),
            ReportDirectory = model.ReportDir ?? options.ReportDirectory,
            ServiceProviderDirectory = model.SpDir ?? options.ServiceProviderDirectory,
            Scenarios = model.Scenarios is null ? options.Scenarios : [.. model.Scenarios.Select(ToSelection)],
            Rate = model.Rate ?? options.Rate,
            Copies = model.Copies ?? options.Copies,
            Users = model.Users ?? options.Users,
            MaxFailCount = model.MaxFailCount ?? options.MaxFailCount,
            MaxInFlight = model.MaxInFlight ?? options.MaxInFlight,
            RequestTimeout = model.RequestTimeout is null ? options.RequestTimeout : DurationText.Parse(model.RequestTimeout),
            DrainTimeout = model.DrainTimeout is null ? options.DrainTimeout : DurationText.Parse(model.DrainTimeout),
            BrokerProcessId = model.BrokerPid ?? options.BrokerProcessId,
            AdminApiKey = model.AdminKey ?? options.AdminApiKey,
            Stress = stress,
        };
    }

    /// <summary>"0" or "0s" turns a warm-up off; anything else is a duration.</summary>
    public static TimeSpan ParseZeroable(string text) =>
        text.Trim() is "0" or "0s" or "none" ? TimeSpan.Zero : DurationText.Parse(text);

    private static ScenarioSelection ToSelection(OptionsFileScenario s)
    {
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            throw new ArgumentException("Every scenario in the file needs a name.");
        }

        return new ScenarioSelection(s.Name, s.Weight ?? 1, s.Simulations?.Select(ToSimulation).ToList());
    }

    private static LoadSimulation ToSimulation(OptionsFileSimulation m)
    {
        var during = DurationText.Parse(m.During ?? throw new ArgumentException($"Simulation {m.Type} needs 'during'."));
        var interval = m.Interval is null ? TimeSpan.FromSeconds(1) : DurationText.Parse(m.Interval);
        return m.Type switch
        {
            nameof(Inject) => new Inject(Required(m.Rate, m.Type, "rate"), interval, during),
            nameof(RampingInject) => new RampingInject(Required(m.Rate, m.Type, "rate"), interval, during),
            nameof(KeepConstant) => new KeepConstant((int)Required(m.Copies, m.Type, "copies"), during),
            nameof(RampingConstant) => new RampingConstant((int)Required(m.Copies, m.Type, "copies"), during),
            nameof(Pause) => new Pause(during),
            _ => throw new ArgumentException($"Unknown simulation type '{m.Type}': Inject, RampingInject, KeepConstant, RampingConstant or Pause."),
        };
    }

    private static double Required(double? value, string? type, string name) =>
        value ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Simulation {type} needs '{name}'."));
}
