using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Hosting;

public sealed class ExpiredStatePurgeOptionsValidator : IValidateOptions<ExpiredStatePurgeOptions>
{
    private static readonly TimeSpan MinimumGrace = TimeSpan.FromMinutes(3);

    public ValidateOptionsResult Validate(string? name, ExpiredStatePurgeOptions options)
    {
        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            return ValidateOptionsResult.Fail("Purge:Interval must be at least one second.");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            return ValidateOptionsResult.Fail("Purge:BatchSize must be between 1 and 100000.");
        }

        return options.Grace < MinimumGrace
            ? ValidateOptionsResult.Fail($"Purge:Grace must be at least {MinimumGrace.TotalMinutes} minutes (longer than a one-time ID grain's activation lives).")
            : ValidateOptionsResult.Success;
    }
}
