using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using Orleans.Runtime;
using Xunit;

namespace NemLogin.Gateway.Tests.Abuse;

/// <summary>
/// Unauthenticated input creates no state: a flood of AuthnRequests from 10,000 distinct unregistered Issuers is refused
/// from the directory without activating a grain per Issuer, and its audit records stay within the refusal budget (the
/// rest is counted in one summary record), so neither memory nor the audit store grows with the flood.
/// </summary>
public sealed class UnknownIssuerFloodTests : IAsyncLifetime
{
    private const int Issuers = 10_000;
    private const int RefusalsPerSecond = 10;
    private const int RefusalBurst = 20;

    private readonly BrokerFactory _broker = new(new Dictionary<string, string?>
    {
        ["Admin:ApiKey"] = AdminFixture.ApiKey,
        ["Audit:RefusalsPerSecond"] = RefusalsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Audit:RefusalBurst"] = RefusalBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private string _baseUrl = string.Empty;

    public ValueTask InitializeAsync()
    {
        _baseUrl = _broker.BaseUrl;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task TenThousandUnknownIssuers_RefusedWithoutGrainGrowthAndWithinTheAuditBudget()
    {
        var sp = AdminFixture.NewServiceProvider("flood");
        var ssoUrl = _baseUrl + "/saml/sso";
        var urls = await Task.WhenAll(Enumerable.Range(0, Issuers).Select(i =>
            sp.RedirectUrlAsync(ssoUrl, sp.NewRequest(ssoUrl) with { Issuer = $"https://flood-{i}.test/saml" })));
        using var http = new HttpClient();
        await http.GetAsync(urls[0], TestContext.Current.CancellationToken);
        await FlushAuditAsync();
        var before = await ActivationsAsync();
        var started = DateTimeOffset.UtcNow;

        var statuses = new List<HttpStatusCode>();
        foreach (var batch in urls.Skip(1).Chunk(16))
        {
            var responses = await Task.WhenAll(batch.Select(u => http.GetAsync(u, TestContext.Current.CancellationToken)));
            statuses.AddRange(responses.Select(r => r.StatusCode));
            Array.ForEach(responses, r => r.Dispose());
        }

        var elapsed = DateTimeOffset.UtcNow - started;
        await FlushAuditAsync();
        await FlushAuditAsync();
        var after = await ActivationsAsync();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        // No activation per Issuer: the service provider grains stay as they were, and nothing else grew with the flood
        // (an audit bucket for a new minute is all that may appear).
        Assert.Equal(Count(before, "ServiceProvider"), Count(after, "ServiceProvider"));
        Assert.InRange(after.Values.Sum() - before.Values.Sum(), -1000, 4);

        var (stored, suppressed) = await RefusalRecordsAsync(started.AddMinutes(-1));
        Assert.InRange(stored, 1, RefusalBurst + ((elapsed.TotalSeconds + 2) * RefusalsPerSecond) + 1);
        Assert.Equal(Issuers, stored + suppressed);
    }

    private async Task<Dictionary<string, int>> ActivationsAsync()
    {
        var statistics = await _broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.GroupBy(s => s.GrainType).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    private static int Count(Dictionary<string, int> activations, string typeFragment) =>
        activations.Where(a => a.Key.Contains(typeFragment, StringComparison.Ordinal)).Sum(a => a.Value);

    private Task FlushAuditAsync() =>
        _broker.Services.GetRequiredService<IAuditTrail>().FlushAsync(TestContext.Current.CancellationToken);

    /// <summary>The refusal records stored since <paramref name="from"/>, and the refusals the summary records counted.</summary>
    private async Task<(int Stored, long Suppressed)> RefusalRecordsAsync(DateTimeOffset from)
    {
        using var admin = new AdminClient(_baseUrl, AdminFixture.ApiKey);
        var stored = 0;
        long suppressed = 0;
        string? cursor = null;
        do
        {
            var path = $"/api/admin/audit?from={Uri.EscapeDataString(from.UtcDateTime.ToString("O"))}"
                + $"&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).UtcDateTime.ToString("O"))}&limit=1000"
                + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var reply = await admin.GetAsync(path);
            Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
            foreach (var record in reply.Json["records"]!.AsArray().Select(r => r!))
            {
                if (record["category"]!.GetValue<string>() == "Refusal" && record["code"]?.GetValue<string>() == "saml.502.IssuerUnknown")
                {
                    stored++;
                }
                else if (record["action"]!.GetValue<string>() == AuditActions.RefusalsSuppressed)
                {
                    suppressed += long.Parse(record["detail"]!.GetValue<string>().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            cursor = reply.Json["next"] is JsonValue next ? next.GetValue<string>() : null;
        }
        while (cursor is not null);

        return (stored, suppressed);
    }
}
