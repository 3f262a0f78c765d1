using System.Globalization;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// A SoftHSM2 token in the cluster's folder, initialised and given its SAML and token signing keys by
/// <c>NemLogin.Silo keys</c>, as an operator would. <paramref name="site"/> names a data centre's own HSM (its own
/// token folder and keys); the silos of that data centre open it.
/// </summary>
internal sealed class SoftHsmToken(string? pin = null, string? soPin = null, string site = "")
{
    private const string Label = "nemlogin-cluster-test";
    private const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    private readonly string _pin = pin ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private readonly string _soPin = soPin ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private string _configFile = "";

    public IReadOnlyDictionary<string, string> SiloEnvironment => new Dictionary<string, string>
    {
        ["SOFTHSM2_CONF"] = _configFile,
        ["Signing__Provider"] = "Pkcs11",
        ["Signing__Pkcs11__LibraryPath"] = Library,
        ["Signing__Pkcs11__TokenLabel"] = Label,
        ["Signing__Pkcs11__Pin"] = _pin,
    };

    public async Task PrepareAsync(string folder)
    {
        if (!File.Exists(Library))
        {
            throw new InvalidOperationException($"{Library} is missing; ./test.sh installs the Debian package softhsm2.");
        }

        var home = Path.Combine(folder, site.Length == 0 ? "softhsm" : "softhsm-" + site.ToLowerInvariant());
        var tokens = Path.Combine(home, "tokens");
        Directory.CreateDirectory(tokens);
        _configFile = Path.Combine(home, "softhsm2.conf");
        await File.WriteAllTextAsync(_configFile, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");

        var environment = new Dictionary<string, string>(SiloEnvironment)
        {
            ["Keys__SoPin"] = _soPin,
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        await KeysAsync(folder, environment, "init-token", "--token", Label);
        var suffix = site.Length == 0 ? "" : " " + site;
        await KeysAsync(folder, environment, "generate", "--purpose", "saml-signing", "--subject", "CN=NemLogin cluster test SAML signing" + suffix);
        await KeysAsync(folder, environment, "generate", "--purpose", "token-signing", "--subject", "CN=NemLogin cluster test token signing" + suffix);
    }

    private static async Task KeysAsync(string folder, Dictionary<string, string> environment, params string[] arguments)
    {
        var log = Path.Combine(folder, "keys.log");
        var process = ChildProcess.Start(log, environment, "dotnet", [BuiltHosts.Silo, "keys", .. arguments]);
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            await process.KillAsync();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"keys {string.Join(' ', arguments)} failed: {process.LogTail()}"));
        }
    }
}
