using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Scenarios.Professional;

/// <summary>
/// Makes the broker hold <see cref="ProfessionalPopulation"/> through the admin API, once per run (the first iteration,
/// which is the run's pre-flight, waits for it): each user logs in once as a citizen (so the broker knows the person and
/// an employee can be bound by CPR), every virtual SP gets its privileges catalogue, every organisation is saved, its
/// employee added bound to the person, and the employee granted the organisation's privileges at every SP, scoped to
/// its CVR. Every change carries a request id derived from its content, so running again (or against a broker that
/// keeps its data) repeats nothing.
/// </summary>
public static class ProfessionalSetUp
{
    private static readonly ConditionalWeakTable<RunResources, Task<IReadOnlyList<LoadOrganisation>>> Done = [];
    private static readonly Lock Gate = new();

    /// <summary>The population, set up on first use for these resources; a failed set-up is tried again by the next iteration.</summary>
    public static Task<IReadOnlyList<LoadOrganisation>> EnsureAsync(RunResources resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        lock (Gate)
        {
            if (Done.TryGetValue(resources, out var existing) && !existing.IsFaulted && !existing.IsCanceled)
            {
                return existing;
            }

            var started = SetUpAsync(resources, cancellationToken);
            Done.AddOrUpdate(resources, started);
            return started;
        }
    }

    private static async Task<IReadOnlyList<LoadOrganisation>> SetUpAsync(RunResources resources, CancellationToken cancellationToken)
    {
        var admin = resources.Admin
            ?? throw new InvalidOperationException("professional-login sets up its organisations through the admin API: pass --admin-key (the broker's Admin:ApiKey).");
        var population = ProfessionalPopulation.Plan(resources.Users);

        // A person is bound by CPR only once the broker has seen them log in; these logins are not measured.
        // Each in a browser of its own: one browser's session would answer the next user's login by single sign-on.
        foreach (var user in resources.Users)
        {
            var unmeasured = new ScenarioContext(new ScenarioStats("professional-login set-up"), resources, cancellationToken);
            await SpInitiatedLogin.LogInAsync(unmeasured, resources.ServiceProviders[0], user);
        }

        await CataloguesAsync(admin, resources.ServiceProviders, cancellationToken);

        await Parallel.ForEachAsync(population, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (organisation, ct) =>
        {
            var path = "api/admin/organisations/" + organisation.Cvr;
            await ChangeAsync(admin, HttpMethod.Put, path, new { name = organisation.Name }, ct);
            var employee = await ChangeAsync(admin, HttpMethod.Post, path + "/employees", new
            {
                loa = "Substantial",
                person = new { cpr = ProfessionalPopulation.SimulatorCprNumbers[organisation.Employee] },
            }, ct);
            var employeeId = JsonDocument.Parse(employee).RootElement.GetProperty("id").GetString();
            foreach (var sp in resources.ServiceProviders)
            {
                foreach (var privilege in ProfessionalPopulation.Privileges(sp.Name, organisation.PrivilegeCount))
                {
                    await ChangeAsync(admin, HttpMethod.Put, $"{path}/employees/{employeeId}/rights", new
                    {
                        serviceProvider = sp.EntityId,
                        privilege,
                        scope = PrivilegeList.CvrScopePrefix + organisation.Cvr,
                    }, ct);
                }
            }
        });

        return population;
    }

    /// <summary>Gives every virtual SP the load catalogue (<see cref="ProfessionalPopulation.Privileges"/>); the same request ids every run.</summary>
    internal static Task CataloguesAsync(AdminApi admin, IReadOnlyList<VirtualServiceProvider> providers, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(providers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (sp, ct) =>
            await ChangeAsync(admin, HttpMethod.Put, $"api/admin/service-providers/{Uri.EscapeDataString(sp.EntityId)}/privileges", new
            {
                privileges = ProfessionalPopulation.Privileges(sp.Name).Select((uri, i) => new { uri, name = string.Create(CultureInfo.InvariantCulture, $"Load privilege {i + 1}") }),
            }, ct));

    /// <summary>
    /// One admin change under a request id derived from its content (and <paramref name="distinct"/>, which tells apart two
    /// changes with the same body that must both happen); its answer's body, or an exception naming the refusal.
    /// </summary>
    internal static async Task<string> ChangeAsync(AdminApi admin, HttpMethod method, string path, object body, CancellationToken cancellationToken, string distinct = "")
    {
        var json = JsonSerializer.Serialize(body);
        var requestId = RequestId(method, path, json + distinct);
        var page = await admin.ChangeAsync(method, path, json, requestId, cancellationToken);
        return page.Status is 200 or 201
            ? page.Body
            : throw new InvalidOperationException($"load set-up: {method} /{path} answered {page.Status}: {page.Body[..Math.Min(300, page.Body.Length)]}");
    }

    /// <summary>The change's request id: the same change always gets the same one (idempotent across runs), another change another.</summary>
    public static string RequestId(HttpMethod method, string path, string json)
    {
        ArgumentNullException.ThrowIfNull(method);
        return "load-pro-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(method.Method + " " + path + " " + json)))[..40];
    }
}
