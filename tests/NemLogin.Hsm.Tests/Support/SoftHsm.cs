using System.Runtime.InteropServices;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Support;

/// <summary>
/// One private SoftHSM2 token folder per test run. SoftHSM2 reads SOFTHSM2_CONF when the module initialises, from the
/// native environment: .NET's Environment.SetEnvironmentVariable does not reach getenv on Unix, so libc's setenv does.
/// Tokens are created in-process (a token made by another process after the module loaded would stay invisible here).
/// </summary>
internal static partial class SoftHsm
{
    public const string LibraryPath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Pin = "4711-test-pin";
    public const string SoPin = "0815-test-so-pin";

    private static readonly Lock Gate = new();
    private static readonly Lazy<string> Folder = new(Configure);
    private static int _tokens;

    /// <summary>The softhsm2.conf every process of this run (pkcs11-tool included) must see.</summary>
    public static string ConfigPath => Path.Combine(Folder.Value, "softhsm2.conf");

    public static string Directory => Folder.Value;

    /// <summary>A new, initialised, empty token with a unique label.</summary>
    public static Pkcs11SigningOptions NewToken(string purpose)
    {
        var label = $"{purpose}-{Interlocked.Increment(ref _tokens)}";
        _ = Folder.Value;
        lock (Gate)
        {
            // C_InitToken takes the first free slot; two at once would race for it.
            Pkcs11TokenInitializer.Initialize(LibraryPath, label, SoPin, Pin);
        }

        return Options(label);
    }

    public static Pkcs11SigningOptions Options(string tokenLabel) => new()
    {
        LibraryPath = LibraryPath,
        TokenLabel = tokenLabel,
        Pin = Pin,
        Sessions = 2,
        KeyRefreshInterval = TimeSpan.Zero,
    };

    /// <summary>Configuration for a host that signs with the token.</summary>
    public static Dictionary<string, string?> Settings(Pkcs11SigningOptions options) => new()
    {
        ["Signing:Provider"] = "Pkcs11",
        ["Signing:Pkcs11:LibraryPath"] = options.LibraryPath,
        ["Signing:Pkcs11:TokenLabel"] = options.TokenLabel,
        ["Signing:Pkcs11:Pin"] = options.Pin,
        ["Signing:Pkcs11:Sessions"] = options.Sessions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Signing:Pkcs11:KeyRefreshInterval"] = options.KeyRefreshInterval.ToString(),
    };

    /// <summary>Runs pkcs11-tool against this run's tokens.</summary>
    public static Task<NemLogin.Gateway.Tests.Support.ExternalTool.Result> Pkcs11ToolAsync(params string[] arguments)
    {
        // ExternalTool starts the process with this process's environment, which setenv has already extended.
        return NemLogin.Gateway.Tests.Support.ExternalTool.RunAsync("pkcs11-tool", ["--module", LibraryPath, .. arguments]);
    }

    private static string Configure()
    {
        if (!File.Exists(LibraryPath))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({LibraryPath} is missing): apt-get install softhsm2 opensc (test.sh does).");
        }

        var folder = System.IO.Directory.CreateTempSubdirectory("nemlogin-softhsm-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "tokens"));
        var config = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {folder}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n");
        if (SetEnvironment("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        return folder;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
