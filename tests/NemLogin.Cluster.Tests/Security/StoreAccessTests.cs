using System.Text;
using NemLogin.Cluster.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace NemLogin.Cluster.Tests.Security;

/// <summary>
/// Attack class: a caller on the network reading or rewriting cluster state in the stores directly (docs/security.md,
/// "Between processes"). The cluster's PostgreSQL and Redis speak TLS only and demand a password; the silos and gateways
/// of the suite run against them as configured.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoreAccessTests(ClusterUnderTest cluster)
{
    [Fact]
    public async Task Postgres_WithoutTls_Refused()
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres.PlainConnectionString() + ";Pooling=false");

        var refusal = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));

        // 28000 invalid_authorization_specification: no pg_hba.conf entry for an unencrypted connection.
        Assert.Equal("28000", refusal.SqlState);
    }

    [Fact]
    public async Task Postgres_OverTlsWithoutThePassword_Refused()
    {
        var withoutPassword = new NpgsqlConnectionStringBuilder(cluster.Postgres.ConnectionString()) { Password = "not-the-password", Pooling = false };
        await using var connection = new NpgsqlConnection(withoutPassword.ConnectionString);

        var refusal = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));

        // 28P01 invalid_password.
        Assert.Equal("28P01", refusal.SqlState);
    }

    [Fact]
    public async Task Redis_PlainTcp_GetsNoAnswer()
    {
        var answer = await TlsProbe.PlainAsync(cluster.Redis.Port, Encoding.ASCII.GetBytes("PING\r\n"));

        Assert.DoesNotContain("PONG", Encoding.ASCII.GetString(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_OverTls_AnswersOnlyAfterThePassword()
    {
        var anonymous = await TlsProbe.TlsAsync(cluster.Redis.Port, null, Encoding.ASCII.GetBytes("GET nemlogin\r\n"));
        var authenticated = await TlsProbe.TlsAsync(cluster.Redis.Port, null, Encoding.ASCII.GetBytes($"AUTH {cluster.Redis.Password}\r\n"));

        Assert.StartsWith("-NOAUTH", anonymous.Text, StringComparison.Ordinal);
        Assert.Equal("+OK\r\n", authenticated.Text);
    }
}
