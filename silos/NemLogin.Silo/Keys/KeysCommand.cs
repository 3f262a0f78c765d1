using Net.Pkcs11Interop.Common;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Silo.Keys;

/// <summary>
/// The silo host's <c>keys</c> verb: key management in the PKCS#11 token named by <c>Signing:Pkcs11</c>
/// (configuration files, environment, or <c>--Signing:Pkcs11:TokenLabel=…</c>). The PIN comes from configuration
/// only (<c>Signing__Pkcs11__Pin</c>), never from the command line, where other users of the machine could read it.
/// </summary>
public static class KeysCommand
{
    public static bool IsKeysCommand(string[] args) => args.Length > 0 && args[0] == "keys";

    /// <summary>Runs <c>keys …</c>; <paramref name="settings"/>, when given, replace the host's configuration files and environment (tests).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 2 || !KeysVerbs.TryParse(args[1], out var verb))
        {
            error.WriteLine(KeysUsage.Text);
            return Task.FromResult(2);
        }

        if (args.Skip(2).Any(IsPinArgument))
        {
            error.WriteLine("PINs are never taken from the command line, where other users of the machine can read them: set Signing__Pkcs11__Pin (and Keys__SoPin for init-token) in the environment or configuration.");
            return Task.FromResult(2);
        }

        IConfiguration configuration = settings is null
            ? Host.CreateApplicationBuilder(args[2..]).Configuration
            : new ConfigurationBuilder().AddInMemoryCollection(settings).AddCommandLine(args[2..]).Build();
        var arguments = new KeysArguments(configuration);
        var options = arguments.Pkcs11Options();
        var request = KeysRequest.Parse(verb, arguments);
        if ((arguments.Problem ?? MissingSetting(options, request)) is { } problem)
        {
            error.WriteLine(problem);
            error.WriteLine(KeysUsage.Text);
            return Task.FromResult(2);
        }

        try
        {
            return Task.FromResult(KeysVerbRunner.Run(request, options, output));
        }
        catch (Exception ex) when (ex is InvalidOperationException or Pkcs11Exception or Pkcs11TokenNotFoundException or ArgumentException)
        {
            error.WriteLine($"keys {args[1]} refused: {ex.Message}");
            return Task.FromResult(1);
        }
    }

    private static bool IsPinArgument(string argument) =>
        argument.Length > 1 && argument[0] is '-' or '/' && argument.Contains("pin", StringComparison.OrdinalIgnoreCase);

    private static string? MissingSetting(Pkcs11SigningOptions options, KeysRequest request)
    {
        if (string.IsNullOrWhiteSpace(options.TokenLabel))
        {
            return "Name the token: Signing:Pkcs11:TokenLabel (configuration or environment Signing__Pkcs11__TokenLabel), or --token <label>.";
        }

        if (string.IsNullOrEmpty(options.Pin))
        {
            return "Set the token's user PIN in configuration (environment Signing__Pkcs11__Pin); it is never taken from the command line.";
        }

        return request.Verb == KeysVerb.InitToken && string.IsNullOrEmpty(request.SoPin)
            ? "init-token needs the security officer PIN in configuration (environment Keys__SoPin)."
            : null;
    }
}
