using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Sessions;

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        options.AbsoluteLifetime > TimeSpan.Zero && options.AbsoluteLifetime <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Sessions:AbsoluteLifetime must be positive and at most {Longest}.");
}
