using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Commands;

/// <summary><c>prepare</c>: creates the virtual SPs and says how to register them with the broker.</summary>
public static class PrepareCommand
{
    public static int Execute(RunnerOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var directory = Path.GetFullPath(options.ServiceProviderDirectory);
        var providers = ServiceProviderSet.Prepare(directory, options.ServiceProviderCount, options.ServiceProviderBaseUrl);
        output.WriteLine($"{providers.Count} virtual service providers in {directory}:");
        foreach (var sp in providers)
        {
            output.WriteLine($"  {sp.EntityId}");
        }

        output.WriteLine();
        output.WriteLine("Start the broker so that it registers them, e.g.:");
        output.WriteLine($"  ServiceProviders__MetadataDirectory={directory} dotnet run -c Release --project silos/NemLogin.Embedded -- --urls http://127.0.0.1:5099");
        output.WriteLine("then run the load with the same --sp-dir.");
        return 0;
    }
}
