using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Hosting;

public sealed class ExpiredStatePurgeOptionsValidator : IValidateOptions<ExpiredStatePurgeOptions>
{
    private static readonly TimeSpan MinimumGrace = TimeSpan.FromMinutes(3);

    // Retention counts from a bucket's last write, so no value drops a bucket that still fills; below two minutes the trail
    // would be gone before anyone could read it. Past a week an embedded host's memory is no place for an audit trail.
    private static readonly TimeSpan MinimumAuditRetention = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaximumAuditRetention = TimeSpan.FromDays(7);

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

        if (options.AuditRetention < MinimumAuditRetention || options.AuditRetention > MaximumAuditRetention)
        {
            return ValidateOptionsResult.Fail($"Purge:AuditRetention must be between {MinimumAuditRetention} and {MaximumAuditRetention}.");
        }

        return options.Grace < MinimumGrace
            ? ValidateOptionsResult.Fail($"Purge:Grace must be at least {MinimumGrace.TotalMinutes} minutes (longer than a one-time ID grain's activation lives).")
            : ValidateOptionsResult.Success;
    }
}
