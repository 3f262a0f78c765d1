using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Silo.Keys;

internal static class KeysVerbRunner
{
    public static int Run(KeysRequest request, Pkcs11SigningOptions options, TextWriter output)
    {
        if (request.Verb == KeysVerb.InitToken)
        {
            var slot = Pkcs11TokenInitializer.Initialize(options.LibraryPath, options.TokenLabel, request.SoPin!, options.Pin);
            output.WriteLine($"Token '{options.TokenLabel}' initialised (slot {slot}); its user PIN is the configured Signing:Pkcs11:Pin.");
            return 0;
        }

        var keys = new Pkcs11KeyAdministration(options, TimeProvider.System);
        switch (request.Verb)
        {
            case KeysVerb.Generate:
                KeyListPrinter.Print(output, "Generated", keys.Generate(request.Purpose, request.Role, request.Algorithm, request.Subject, request.Validity));
                return 0;
            case KeysVerb.IssueCert:
                KeyListPrinter.Print(output, "Certificate issued for", keys.IssueCertificate(request.Purpose, request.Role, request.Subject, request.Validity));
                return 0;
            case KeysVerb.List:
                KeyListPrinter.PrintTable(output, options.TokenLabel, keys.List());
                return 0;
            case KeysVerb.Retire:
                KeyListPrinter.Print(output, "Retired (destroyed)", keys.Retire(request.Purpose, request.Role));
                return 0;
            case KeysVerb.Promote:
                KeyListPrinter.Print(output, "Promoted to current", keys.Promote(request.Purpose));
                output.WriteLine("Silos sign with it within Signing:Pkcs11:KeyRefreshInterval; the old key stays published as previous until you retire it.");
                return 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Verb, "Unknown verb.");
        }
    }
}
