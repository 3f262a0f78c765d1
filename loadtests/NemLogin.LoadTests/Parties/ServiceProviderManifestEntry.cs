namespace NemLogin.LoadTests.Parties;

/// <summary>One virtual SP in <c>keys/service-providers.json</c>: enough to load it back with its key.</summary>
internal sealed record ServiceProviderManifestEntry(string Name, string EntityId, string AcsUrl, string KeyFile);
