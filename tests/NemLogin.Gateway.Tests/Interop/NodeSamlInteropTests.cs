using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Rights;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Interop;

/// <summary>
/// A service provider we did not write (@node-saml/node-saml) registers the metadata it generates itself, logs in through
/// the MitID simulator and validates our response: assertion signature, decryption, audience, InResponseTo, issuer, timing.
/// </summary>
public sealed class NodeSamlInteropTests
{
    private const string EntityId = "https://node-sp.test/saml";
    private const string AcsUrl = "https://node-sp.test/saml/acs";

    [Fact]
    public async Task NodeSaml_OwnMetadataUnmodified_RegistersLogsInAndDecryptsOurResponse()
    {
        var interop = ExternalTool.InteropDirectory();
        Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "@node-saml")), "Run the test command (./test.sh): it installs the npm packages of tests/interop.");
        var work = Directory.CreateTempSubdirectory("nemlogin-node-sp-").FullName;
        try
        {
            var (certPath, keyPath, metadataDirectory, metadata) = await NodeMetadataAsync(interop, work);
            // node-saml's own metadata, unmodified: it lists data algorithms only, no key transport, as most SP software does.
            Assert.DoesNotContain("rsa-oaep", metadata, StringComparison.Ordinal);

            await using var broker = new BrokerFactory(new Dictionary<string, string?> { ["ServiceProviders:MetadataDirectory"] = metadataDirectory });
            var login = await ExternalTool.RunAsync("node", ["node-saml-sp.mjs", "login", "--broker", broker.BaseUrl, "--entity-id", EntityId, "--acs", AcsUrl, "--cert", certPath, "--key", keyPath, "--user", "alice"], interop);

            Assert.True(login.ExitCode == 0, $"node-saml refused: {login.StandardOutput}\n{login.StandardError}");
            using var result = JsonDocument.Parse(login.StandardOutput);
            var profile = result.RootElement.GetProperty("profile");
            Assert.True(result.RootElement.GetProperty("ok").GetBoolean());
            Assert.StartsWith(SamlConstants.OioSaml.PersonNameIdPrefix, profile.GetProperty("nameID").GetString(), StringComparison.Ordinal);
            Assert.Equal(SamlConstants.NameIdFormats.Persistent, profile.GetProperty("nameIDFormat").GetString());
            Assert.Equal(broker.BaseUrl + "/saml/metadata", profile.GetProperty("issuer").GetString());
            Assert.Equal("OIO-SAML-3.0", profile.GetProperty(SamlConstants.Attributes.SpecVersion).GetString());
            Assert.Equal("Substantial", profile.GetProperty(SamlConstants.Attributes.Loa).GetString());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // OIOSAML 3 Professional profile through an SP we did not write: the privileges document checked against the OIO
    // Basic Privilege Profile's rules by the node side (root and namespace, scope URN forms, Privilege then Constraint).
    [Fact]
    public async Task NodeSaml_ProfessionalProfile_BentsBusinessIdentityWithThisSpsPrivilegesOnly()
    {
        var interop = ExternalTool.InteropDirectory();
        var work = Directory.CreateTempSubdirectory("nemlogin-node-sp-pro-").FullName;
        try
        {
            var (certPath, keyPath, metadataDirectory, _) = await NodeMetadataAsync(interop, work);
            await using var broker = new BrokerFactory(new Dictionary<string, string?> { ["ServiceProviders:MetadataDirectory"] = metadataDirectory });

            // The IT system's provider defines two privileges; bent's organisation grants one for the whole organisation
            // and one for its production unit, with a constraint.
            var bent = await DemoOrganisationData.BentAsync(broker);
            var grains = broker.Services.GetRequiredService<IGrainFactory>();
            var system = ItSystem.Saml(EntityId);
            await grains.GetGrain<IPrivilegeCatalogueGrain>(system.Key).ReplaceAsync("node-catalogue", [
                new Privilege("urn:dk:node-sp:privilege:read", "Read", []),
                new Privilege("urn:dk:node-sp:privilege:approve", "Approve", [new PrivilegeConstraint("urn:dk:node-sp:constraint:amount", "1000")]),
            ]);
            var employee = grains.GetGrain<IBusinessIdentityGrain>(bent.Id);
            await employee.GrantAsync("node-grant-1", new Right(system, "urn:dk:node-sp:privilege:read", RightScope.Organisation(DemoOrganisationData.Cvr)));
            await employee.GrantAsync("node-grant-2", new Right(system, "urn:dk:node-sp:privilege:approve", RightScope.ProductionUnit(DemoOrganisationData.ProductionUnit)));

            var login = await ExternalTool.RunAsync("node", ["node-saml-sp.mjs", "login", "--broker", broker.BaseUrl, "--entity-id", EntityId, "--acs", AcsUrl, "--cert", certPath, "--key", keyPath, "--user", "bent", "--profile", "professional"], interop);

            Assert.True(login.ExitCode == 0, $"node-saml refused: {login.StandardOutput}\n{login.StandardError}");
            using var result = JsonDocument.Parse(login.StandardOutput);
            var profile = result.RootElement.GetProperty("profile");
            Assert.Equal(SamlConstants.OioSaml.ProfessionalNameIdPrefix + bent.Id, profile.GetProperty("nameID").GetString());
            Assert.Equal(DemoOrganisationData.Cvr, profile.GetProperty(SamlConstants.Attributes.Cvr).GetString());
            var groups = result.RootElement.GetProperty("privileges").EnumerateArray().ToDictionary(g => g.GetProperty("scope").GetString()!);
            Assert.Equal(2, groups.Count);
            Assert.Equal(["urn:dk:node-sp:privilege:read"], groups["urn:dk:gov:saml:cvrNumberIdentifier:" + DemoOrganisationData.Cvr].GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));
            var unit = groups["urn:dk:gov:saml:productionUnitIdentifier:" + DemoOrganisationData.ProductionUnit];
            Assert.Equal(["urn:dk:node-sp:privilege:approve"], unit.GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal("1000", unit.GetProperty("constraints").GetProperty("urn:dk:node-sp:constraint:amount").GetString());
            Assert.DoesNotContain(DemoOrganisationData.CaseWorkerPrivilege, login.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>node-saml's key pair and the metadata it generates itself, unmodified, in a folder the broker registers from.</summary>
    private static async Task<(string CertPath, string KeyPath, string MetadataDirectory, string Metadata)> NodeMetadataAsync(string interop, string work)
    {
        var (certPath, keyPath) = WriteKeyPair(work);
        var metadata = await ExternalTool.RunAsync("node", ["node-saml-sp.mjs", "metadata", "--entity-id", EntityId, "--acs", AcsUrl, "--cert", certPath, "--key", keyPath], interop);
        Assert.True(metadata.ExitCode == 0, metadata.StandardError);
        var metadataDirectory = Path.Combine(work, "metadata");
        Directory.CreateDirectory(metadataDirectory);
        File.WriteAllText(Path.Combine(metadataDirectory, "node-sp.xml"), metadata.StandardOutput);
        return (certPath, keyPath, metadataDirectory, metadata.StandardOutput);
    }

    private static (string CertPath, string KeyPath) WriteKeyPair(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=node-saml interop SP", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        var certPath = Path.Combine(directory, "sp.pem");
        var keyPath = Path.Combine(directory, "sp-key.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}
