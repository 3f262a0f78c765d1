using Microsoft.Extensions.Options;
using NemLogin.ClusterTls;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// Both stores are required in cluster mode, and outside Development both must demand a password; a malformed string
/// fails the start, not the first login.
/// </summary>
internal sealed class ClusterStoreOptionsValidator(IHostEnvironment environment) : IValidateOptions<ClusterStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterStoreOptions options)
    {
        var passwordRequired = !environment.IsDevelopment();
        var failures = new List<string>();
        if (ClusterStoreChecks.PostgresProblem(options.Orleans, "PostgreSQL: membership and durable grain state", passwordRequired) is { } postgres)
        {
            failures.Add(postgres);
        }

        if (ClusterStoreChecks.RedisProblem(options.Redis, "sessions and login flows", passwordRequired) is { } redis)
        {
            failures.Add(redis);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
