using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Audit;

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Audit:FlushInterval must be between 0 and 1 minute.");
        }

        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            failures.Add("Audit:MaxBatchSize must be between 1 and 10000.");
        }

        if (options.BufferCapacity < options.MaxBatchSize)
        {
            failures.Add("Audit:BufferCapacity must be at least Audit:MaxBatchSize.");
        }

        if (options.RefusalsPerSecond < 1 || options.RefusalBurst < options.RefusalsPerSecond)
        {
            failures.Add("Audit:RefusalsPerSecond must be positive and Audit:RefusalBurst at least as large.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
