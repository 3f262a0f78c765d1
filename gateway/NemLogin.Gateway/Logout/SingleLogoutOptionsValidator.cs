using Microsoft.Extensions.Options;

namespace NemLogin.Gateway.Logout;

internal sealed class SingleLogoutOptionsValidator : IValidateOptions<SingleLogoutOptions>
{
    // A person waits on the logout page for this long; past a minute the wait is the failure.
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, SingleLogoutOptions options) =>
        options.ParticipantTimeout >= TimeSpan.FromSeconds(1) && options.ParticipantTimeout <= Longest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"SingleLogout:ParticipantTimeout must be between 1 second and {Longest}.");
}
