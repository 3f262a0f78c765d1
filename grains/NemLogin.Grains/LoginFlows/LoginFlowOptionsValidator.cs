using Microsoft.Extensions.Options;

namespace NemLogin.Grains.LoginFlows;

internal sealed class LoginFlowOptionsValidator : IValidateOptions<LoginFlowOptions>
{
    // Abandoned flows must expire (bounded cost of started-and-dropped logins), so the lifetime is capped.
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, LoginFlowOptions options) =>
        options.Lifetime > TimeSpan.Zero && options.Lifetime <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"LoginFlows:Lifetime must be positive and at most {Longest}.");
}
