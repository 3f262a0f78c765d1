using System.Runtime.InteropServices;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Benchmarks;

/// <summary>A throw-away SoftHSM2 token with one RSA-2048 SAML key, in a temp folder (SOFTHSM2_CONF set natively before the module loads).</summary>
internal static partial class SoftHsmToken
{
    public const string LibraryPath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Label = "nemlogin-bench";
    public const string Pin = "bench-pin-4711";

    public static string Create()
    {
        var folder = Directory.CreateTempSubdirectory("nemlogin-bench-hsm-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "tokens"));
        var config = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {folder}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n");
        if (SetEnvironment("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        Pkcs11TokenInitializer.Initialize(LibraryPath, Label, "bench-so-pin-0815", Pin);
        new Pkcs11KeyAdministration(Options(sessions: 1), TimeProvider.System).Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        return folder;
    }

    public static Pkcs11SigningOptions Options(int sessions) => new()
    {
        LibraryPath = LibraryPath,
        TokenLabel = Label,
        Pin = Pin,
        Sessions = sessions,
        MaxQueueLength = 4096,
    };

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
