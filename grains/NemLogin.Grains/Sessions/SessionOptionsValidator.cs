using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Sessions;

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);
    private static readonly TimeSpan LongestLogout = TimeSpan.FromHours(1);
    private static readonly TimeSpan LongestActivationIdle = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new List<string>();
        if (options.AbsoluteLifetime <= TimeSpan.Zero || options.AbsoluteLifetime > Longest)
        {
            failures.Add($"Sessions:AbsoluteLifetime must be positive and at most {Longest}.");
        }

        // An idle limit longer than the absolute one would never apply and hides a configuration mistake.
        if (options.IdleTimeout <= TimeSpan.Zero || options.IdleTimeout > options.AbsoluteLifetime)
        {
            failures.Add("Sessions:IdleTimeout must be positive and at most Sessions:AbsoluteLifetime.");
        }

        if (options.LogoutLifetime <= TimeSpan.Zero || options.LogoutLifetime > LongestLogout)
        {
            failures.Add($"Sessions:LogoutLifetime must be positive and at most {LongestLogout}.");
        }

        // Orleans itself refuses an age at or below its collection quantum (one minute unless configured).
        if (options.ActivationIdleLimit <= TimeSpan.Zero || options.ActivationIdleLimit > LongestActivationIdle)
        {
            failures.Add($"Sessions:ActivationIdleLimit must be positive and at most {LongestActivationIdle}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
