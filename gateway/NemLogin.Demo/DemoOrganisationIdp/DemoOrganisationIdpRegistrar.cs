using NemLogin.Demo.DemoOrganisation;
using NemLogin.Demo.Hosting;
using NemLogin.Gateway.Signing;
using NemLogin.Gateway.Upstream.Organisations;
using NemLogin.Grains.Assurance;

namespace NemLogin.Demo.DemoOrganisationIdp;

/// <summary>
/// Registers the demo organisation IdP for the demo organisation once that is seeded, the way the admin API's
/// <c>PUT /api/admin/organisations/{cvr}/idp</c> does (its signed metadata, maxLoa Substantial, e-mail domain
/// <c>demo-erhverv.example</c>, encryption required whenever the broker publishes an encryption key, as the demo IdP then
/// always encrypts), then makes its one employee an employee of the organisation with the case-worker right at
/// the demo SP (bound to the person a login through this IdP resolves to), so the demo shows privileges. Without that
/// step the broker would still create the business identity on the first login (<c>OrganisationEmployees</c>), with no right.
/// </summary>
internal sealed class DemoOrganisationIdpRegistrar(
    DemoOrganisationIdp idp,
    DemoOrganisationSeeder seeder,
    BrokerEncryptionKeys encryptionKeys,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoOrganisationIdpRegistrar> logger) : AfterStartTask(lifetime)
{
    /// <summary>Completes when the IdP is registered and its employee holds the right.</summary>
    public Task Registered => Done;

    protected override async Task RunAsync()
    {
        await seeder.Seeded;
        var metadata = await idp.MetadataAsync(CancellationToken.None);
        var requireEncryption = (await encryptionKeys.GetCertificatesAsync(CancellationToken.None)).Count > 0;
        var (stored, _) = await OrganisationIdpRegistry.RegisterAsync(
            grains, DemoOrganisation.DemoOrganisation.Cvr, metadata, LevelOfAssurance.Substantial, notified: false,
            [DemoOrganisationIdp.EmailDomain], requireEncryption, time.GetUtcNow());
        var employeeId = await seeder.EmployWithRightAsync(stored.Registration.EntityId, DemoOrganisationIdp.EmployeeNameId);
        Log.DemoOrganisationIdpRegistered(logger, idp.EntityId, employeeId);
    }

    // The broker keeps serving; only the demo's organisation login is missing.
    protected override void Failed(Exception exception) => Log.DemoOrganisationIdpFailed(logger, exception);
}
