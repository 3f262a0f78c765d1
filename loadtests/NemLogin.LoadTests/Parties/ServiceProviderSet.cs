using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace NemLogin.LoadTests.Parties;

/// <summary>
/// The virtual SPs on disk, in the shape the embedded broker reads: one metadata file per SP at the top of the folder
/// (<c>ServiceProviders:MetadataDirectory</c> registers every <c>*.xml</c> there at start-up) and, in <c>keys/</c>,
/// each SP's PKCS#12 key and a manifest the runner reads back. The keys are test keys for test SPs.
/// </summary>
public static class ServiceProviderSet
{
    public const string DefaultBaseUrl = "https://load-sp.nemlogin.test";
    private const string KeysFolder = "keys";
    private const string ManifestFile = "service-providers.json";

    /// <summary>Creates <paramref name="count"/> SPs with fresh keys in <paramref name="directory"/>, replacing any set there.</summary>
    public static IReadOnlyList<VirtualServiceProvider> Prepare(string directory, int count, string baseUrl = DefaultBaseUrl)
    {
        if (count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "At least two virtual SPs are needed (single sign-on goes to a second SP).");
        }

        var keys = Path.Combine(directory, KeysFolder);
        Directory.CreateDirectory(keys);
        foreach (var old in Directory.EnumerateFiles(directory, "load-sp-*.xml"))
        {
            File.Delete(old);
        }

        var providers = Enumerable.Range(1, count)
            .Select(i => VirtualServiceProvider.Create($"load-sp-{i:000}", baseUrl.TrimEnd('/')))
            .ToList();
        var manifest = new List<ServiceProviderManifestEntry>();
        foreach (var sp in providers)
        {
            File.WriteAllText(Path.Combine(directory, sp.Name + ".xml"), sp.Metadata());
            var pfx = sp.Name + ".pfx";
            File.WriteAllBytes(Path.Combine(keys, pfx), sp.Certificate.Export(X509ContentType.Pkcs12));
            manifest.Add(new ServiceProviderManifestEntry(sp.Name, sp.EntityId, sp.AcsUrl, pfx));
        }

        File.WriteAllText(Path.Combine(keys, ManifestFile), JsonSerializer.Serialize(manifest));
        return providers;
    }

    public static IReadOnlyList<VirtualServiceProvider> Load(string directory)
    {
        var manifestPath = Path.Combine(directory, KeysFolder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            var full = Path.GetFullPath(directory);
            throw new FileNotFoundException(
                $"No virtual SPs in '{full}'. Create them with `prepare --sp-dir {full}` and start the broker with " +
                $"ServiceProviders__MetadataDirectory={full}.", manifestPath);
        }

        var manifest = JsonSerializer.Deserialize<List<ServiceProviderManifestEntry>>(File.ReadAllText(manifestPath)) ?? [];
        return [.. manifest.Select(e => new VirtualServiceProvider(
            e.Name,
            e.EntityId,
            e.AcsUrl,
            X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(directory, KeysFolder, e.KeyFile), null, X509KeyStorageFlags.Exportable)))];
    }
}
