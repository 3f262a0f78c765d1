using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;
using NemLogin.LoadTests.Scenarios;
using NemLogin.LoadTests.Scenarios.Mandates;
using NemLogin.Population;

namespace NemLogin.LoadTests.Faults;

/// <summary>
/// Beside the login load, writes of the kinds a lost store would lose, each recorded as acknowledged or not with its
/// time: SP registrations (admin API, PostgreSQL), mandate grants (admin API, PostgreSQL) and sessions (a completed login,
/// Redis). Afterwards <see cref="ReadBackAsync"/> looks for every acknowledged one: the SP and the mandate by the admin
/// API, the session by single sign-on from the browser that logged in (the same authentication instant, no visit to
/// MitID). The Workload ledger of the cluster tests, over HTTP through the balancer instead of grain calls.
/// </summary>
public sealed class SideWriter(RunResources resources, Func<double> clock)
{
    private const string SideBaseUrl = "https://fault-sp.nemlogin.test";
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ReadRetryPause = TimeSpan.FromSeconds(1);
    private const int ReadAttempts = 10;

    private readonly ConcurrentQueue<SideWrite> _writes = new();
    private readonly ConcurrentDictionary<SideWrite, (ScenarioContext Browser, DateTimeOffset AuthnInstant)> _sessions = new();
    private readonly ScenarioStats _stats = new("fault side writer");

    public IReadOnlyList<SideWrite> Writes => [.. _writes];

    private AdminApi Admin => resources.Admin
        ?? throw new InvalidOperationException("faults writes SP registrations and mandates through the admin API: pass --admin-key.");

    /// <summary>Makes the people mandates name known to the broker (the mandate-login set-up), before the faults begin.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => MandateSetUp.EnsureAsync(resources, cancellationToken);

    /// <summary>One loop per kind until <paramref name="cancellationToken"/> ends them.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        LoopAsync(WriteServiceProviderAsync, cancellationToken),
        LoopAsync(WriteMandateAsync, cancellationToken),
        LoopAsync(WriteSessionAsync, cancellationToken));

    private async Task LoopAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await write(cancellationToken);
            try
            {
                await Task.Delay(Pause, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task WriteServiceProviderAsync(CancellationToken cancellationToken)
    {
        var sp = VirtualServiceProvider.WithSharedKey("fault-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), SideBaseUrl, resources.ServiceProviders[0].Certificate);
        return RecordAsync(SideWrite.ServiceProvider, cancellationToken, async ct =>
        {
            var page = await Admin.RegisterAsync(sp.Metadata(), ct);
            return page.Status == 201 ? (sp.EntityId, null) : (sp.EntityId, Describe(page.Status, page.Body));
        });
    }

    private Task WriteMandateAsync(CancellationToken cancellationToken)
    {
        // Between the set-up's people (the broker knows them), every virtual SP; a fresh request id makes each a new mandate.
        var people = Math.Min(10, PopulationPlan.At(MandateSetUp.OwnScale, DateOnly.MinValue).Counts.People);
        var grantor = Random.Shared.Next(people);
        var grantee = (grantor + 1 + Random.Shared.Next(people - 1)) % people;
        var json = JsonSerializer.Serialize(new
        {
            grantor = new { cpr = SyntheticPeople.Get(grantor).CprNumber },
            grantee = new { cpr = SyntheticPeople.Get(grantee).CprNumber },
            serviceProviders = resources.ServiceProviders.Select(sp => sp.EntityId),
        });
        return RecordAsync(SideWrite.Mandate, cancellationToken, async ct =>
        {
            var page = await Admin.ChangeAsync(HttpMethod.Post, "api/admin/mandates", json, Guid.NewGuid().ToString("N"), ct);
            return page.Status == 201
                ? (JsonDocument.Parse(page.Body).RootElement.GetProperty("id").GetString()!, null)
                : ("", Describe(page.Status, page.Body));
        });
    }

    private Task WriteSessionAsync(CancellationToken cancellationToken)
    {
        // Not bound to the writer's token: the same browser (its cookie) logs in again by single sign-on at read-back,
        // after the writer has stopped. A login in flight when the writer stops ends within the request timeout.
        var browser = new ScenarioContext(_stats, resources, CancellationToken.None);
        DateTimeOffset instant = default;
        return RecordAsync(SideWrite.Session, cancellationToken, async _ =>
        {
            var login = await SpInitiatedLogin.LogInAsync(browser, resources.ServiceProviders[0], resources.AnyUser());
            instant = login.Value.AuthnInstant;
            return (login.Value.SessionIndex ?? "", null);
        }, write => _sessions[write] = (browser, instant));
    }

    private async Task RecordAsync(string kind, CancellationToken cancellationToken, Func<CancellationToken, Task<(string Id, string? Failure)>> write, Action<SideWrite>? acknowledged = null)
    {
        var started = clock();
        string id = "";
        string? failure;
        try
        {
            (id, failure) = await write(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ended with the run: neither acknowledged nor refused, so not counted.
            return;
        }
        catch (Exception ex)
        {
            failure = ex is StepFailedException step ? $"{step.Step}: {step.Outcome.Status}" : ex.GetType().Name + ": " + ex.Message;
        }

        var entry = new SideWrite(kind, id, started, clock(), failure is null, failure);
        _writes.Enqueue(entry);
        if (entry.Acknowledged)
        {
            acknowledged?.Invoke(entry);
        }
    }

    /// <summary>Looks for every acknowledged write (sets <see cref="SideWrite.Found"/>); a read that fails is tried again a few times.</summary>
    public async Task ReadBackAsync(CancellationToken cancellationToken)
    {
        var acknowledged = _writes.Where(w => w.Acknowledged).ToList();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (write, ct) =>
        {
            for (var attempt = 0; attempt < ReadAttempts && write.Found is null; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(ReadRetryPause, ct);
                }

                try
                {
                    write.Found = await FindAsync(write, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TimeoutException or OperationCanceledException or StepFailedException)
                {
                    // Unknown yet: ask again.
                }
            }
        });
    }

    private async Task<bool?> FindAsync(SideWrite write, CancellationToken cancellationToken)
    {
        switch (write.Kind)
        {
            case SideWrite.ServiceProvider:
                return Found((await Admin.GetAsync("api/admin/service-providers/" + Uri.EscapeDataString(write.Id), cancellationToken)).Status);
            case SideWrite.Mandate:
                return Found((await Admin.GetAsync("api/admin/mandates/" + write.Id, cancellationToken)).Status);
            default:
                var (browser, instant) = _sessions[write];
                try
                {
                    var sso = await SpInitiatedLogin.SingleSignOnAsync(browser, resources.ServiceProviders[1], "read-back");
                    return sso.Value.AuthnInstant == instant;
                }
                catch (StepFailedException failed) when (failed.Outcome.Status == "302")
                {
                    // The broker sent the browser to MitID: it knows no session for this browser's cookie.
                    return false;
                }
                catch (StepFailedException)
                {
                    return null;
                }
        }
    }

    private static bool? Found(int status) => status switch
    {
        200 => true,
        404 => false,
        _ => null,
    };

    private static string Describe(int status, string body) =>
        status.ToString(CultureInfo.InvariantCulture) + " " + body[..Math.Min(120, body.Length)];
}
