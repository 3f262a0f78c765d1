using Microsoft.Extensions.Options;
using NemLogin.Gateway.Audit;
using NemLogin.Grains.Audit;
using NemLogin.Saml;

namespace NemLogin.Gateway.ServiceProviders;

/// <summary>Registers every SAML metadata file in <see cref="ServiceProvidersOptions.MetadataDirectory"/> at start-up.</summary>
internal sealed class MetadataDirectoryRegistrar(
    ServiceProviderCatalog catalog,
    IOptions<ServiceProvidersOptions> options,
    TimeProvider time,
    IAuditTrail audit,
    ILogger<MetadataDirectoryRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.MetadataDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return;
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"ServiceProviders:MetadataDirectory '{directory}' does not exist.");
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal))
        {
            await RegisterFileAsync(file, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RegisterFileAsync(string file, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(file);
        try
        {
            var xml = await File.ReadAllTextAsync(file, cancellationToken);
            var policy = options.Value;
            var registration = RegistrationFromMetadata.Create(
                xml, time.GetUtcNow(), id => policy.CprEntitled.Contains(id, StringComparer.Ordinal), policy.DefaultMinimumLoa);
            var stored = await catalog.RegisterAsync(registration);
            Log.ServiceProviderRegisteredFromFile(logger, stored.EntityId, fileName, stored.Version);
            Audit(AuditOutcome.Success, stored.EntityId, null, $"file {fileName}; version {stored.Version}");
        }
        catch (SamlException ex)
        {
            // One defective file must not keep the broker (and every other SP) down; the log names file and code.
            Log.ServiceProviderFileRejected(logger, fileName, ex.Code.ToString(), ex.Message);
            Audit(AuditOutcome.Refused, null, ex.Code.StableName(), $"file {fileName}");
        }
        catch (NemLogin.Grains.GrainRuleException ex)
        {
            Log.ServiceProviderFileRejected(logger, fileName, ex.Code, ex.Message);
            Audit(AuditOutcome.Refused, null, ex.Code, $"file {fileName}");
        }
    }

    private void Audit(AuditOutcome outcome, string? entityId, string? code, string detail) =>
        audit.Record(null, new AuditEvent(AuditCategory.Administration, AuditActions.SpRegister, outcome)
        {
            Actor = AuditActions.MetadataDirectoryActor,
            ServiceProvider = entityId,
            Code = code,
            Detail = detail,
        });
}
