using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>The embedded host's demo organisation (README): its CVR, and bent's business identity once the seeder made it.</summary>
public static class DemoOrganisationData
{
    public const string Cvr = "98765433";
    public const string Name = "Demo Erhverv ApS";
    public const string ProductionUnit = "1098765432";
    public const string CaseWorkerPrivilege = "urn:dk:nemlogin:demo-sp:privilege:case-worker";

    public const string SecondEmployerCvr = "12345674";
    public const string SecondEmployerName = "Anden Arbejdsgiver A/S";

    /// <summary>Makes bent an employee of a second organisation too (so a professional login must ask whom he acts as).</summary>
    public static async Task<Guid> AddSecondEmployerAsync(BrokerFactory broker)
    {
        var bent = await BentAsync(broker);
        var grains = broker.Services.GetRequiredService<IGrainFactory>();
        var organisation = grains.GetGrain<IOrganisationGrain>(SecondEmployerCvr);
        await organisation.SaveAsync("org-second", new OrganisationDetails(SecondEmployerName, [], [], OrganisationStatus.Active, []));
        var employee = await organisation.AddEmployeeAsync("employee-second", new EmployeeDetails(bent.PersonId, NemLogin.Grains.Assurance.LevelOfAssurance.Substantial, null, null));
        return employee.Id;
    }

    /// <summary>Waits for the seeder (it runs after start) and returns bent's business identity, bound to his person.</summary>
    public static async Task<BusinessIdentity> BentAsync(BrokerFactory broker)
    {
        var grains = broker.Services.GetRequiredService<IGrainFactory>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            foreach (var id in await grains.GetGrain<IOrganisationGrain>(Cvr).ListEmployeesAsync())
            {
                if (await grains.GetGrain<IBusinessIdentityGrain>(id).GetAsync() is { PersonId: not null, Rights.IsEmpty: false } bent)
                {
                    return bent;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The demo organisation was not seeded within 30 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
