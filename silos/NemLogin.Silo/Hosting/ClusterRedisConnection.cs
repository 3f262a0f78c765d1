using StackExchange.Redis;

namespace NemLogin.Silo.Hosting;

/// <summary>
/// The silo's one Redis connection, shared by the session and login-flow stores, their replication check and readiness.
/// One multiplexer means one connection to the master, so the <c>WAIT</c> after a write covers that write; through
/// Sentinel (<c>serviceName=</c> in the configuration) it follows a failover to the promoted replica without a restart.
/// </summary>
internal sealed class ClusterRedisConnection(ConfigurationOptions configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection =
        new(async () => await ConnectionMultiplexer.ConnectAsync(configuration));

    public ConfigurationOptions Configuration => configuration;

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
