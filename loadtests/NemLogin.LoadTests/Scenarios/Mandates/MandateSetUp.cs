using System.Runtime.CompilerServices;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Scenarios.Professional;
using NemLogin.Population;

namespace NemLogin.LoadTests.Scenarios.Mandates;

/// <summary>
/// Gives <c>mandate-login</c> its population once per run (the first iteration waits for it). With
/// <c>--population-scale F</c> the broker holds the seeded population of that scale and nothing is written. Without it,
/// the runner sets up the population of <see cref="OwnScale"/> (ten people, three organisations, 33 mandates) through the
/// admin API: each person logs in once unless the broker knows them already (a mandate names people by CPR number), every
/// virtual SP gets the load catalogue, and the organisations and mandates (each covering all of every virtual SP, until
/// revoked) are stored with request ids derived from their content, so a second run repeats nothing.
/// </summary>
public static class MandateSetUp
{
    /// <summary>The scale of the population the runner sets up itself.</summary>
    public const double OwnScale = 0.00001;

    private static readonly ConditionalWeakTable<RunResources, Task<MandatePopulation>> Done = [];
    private static readonly Lock Gate = new();

    public static Task<MandatePopulation> EnsureAsync(RunResources resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        lock (Gate)
        {
            if (Done.TryGetValue(resources, out var existing) && !existing.IsFaulted && !existing.IsCanceled)
            {
                return existing;
            }

            var started = resources.PopulationScale is { } scale
                ? Task.FromResult(new MandatePopulation(PopulationPlan.At(scale, DateOnly.MinValue)))
                : SetUpAsync(resources, cancellationToken);
            Done.AddOrUpdate(resources, started);
            return started;
        }
    }

    private static async Task<MandatePopulation> SetUpAsync(RunResources resources, CancellationToken cancellationToken)
    {
        var admin = resources.Admin
            ?? throw new InvalidOperationException("mandate-login sets up its people and mandates through the admin API: pass --admin-key, or --population-scale F for a seeded broker.");
        var population = new MandatePopulation(PopulationPlan.At(OwnScale, DateOnly.MinValue));
        var counts = population.Plan.Counts;
        for (var i = 0; i < counts.People; i++)
        {
            var person = SyntheticPeople.Get(i);
            var known = await admin.GetAsync("api/admin/mandates?grantee=cpr:" + person.CprNumber, cancellationToken);
            if (known.Status != 200)
            {
                // Each in a browser of its own: one browser's session would answer the next person's login by single sign-on.
                var unmeasured = new ScenarioContext(new ScenarioStats("mandate-login set-up"), resources, cancellationToken);
                await SpInitiatedLogin.LogInAsync(unmeasured, resources.ServiceProviders[0], person.Username);
            }
        }

        await ProfessionalSetUp.CataloguesAsync(admin, resources.ServiceProviders, cancellationToken);
        for (var k = 0; k < counts.Organisations; k++)
        {
            var organisation = SyntheticOrganisations.Get(k);
            await ProfessionalSetUp.ChangeAsync(admin, HttpMethod.Put, "api/admin/organisations/" + organisation.Cvr, new { name = organisation.Name }, cancellationToken);
        }

        var systems = resources.ServiceProviders.Select(sp => sp.EntityId).ToArray();
        for (var m = 0; m < counts.Mandates; m++)
        {
            var mandate = population.Plan.Mandate(m);
            object grantor = mandate.GrantorPersonIndex is { } person
                ? new { cpr = SyntheticPeople.Get(person).CprNumber }
                : new { cvr = SyntheticOrganisations.Get(mandate.GrantorOrganisationIndex!.Value).Cvr };
            await ProfessionalSetUp.ChangeAsync(admin, HttpMethod.Post, "api/admin/mandates", new
            {
                grantor,
                grantee = new { cpr = SyntheticPeople.Get(mandate.GranteeIndex).CprNumber },
                serviceProviders = systems,
            }, cancellationToken, distinct: "mandate " + m.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return population;
    }
}
