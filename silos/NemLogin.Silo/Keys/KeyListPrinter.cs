using System.Globalization;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Silo.Keys;

/// <summary>Prints keys for an operator: label, algorithm, the flags that prove the key cannot leave, certificate.</summary>
internal static class KeyListPrinter
{
    public static void Print(TextWriter output, string what, HsmKeyDescription key)
    {
        output.WriteLine($"{what} '{key.Label}': {key.Algorithm}, {Flags(key)}");
        output.WriteLine(key.KeyId is null
            ? "  no certificate"
            : $"  key id {key.KeyId}, {key.Subject}, valid {Date(key.NotBefore)} to {Date(key.NotAfter)}");
    }

    public static void PrintTable(TextWriter output, string tokenLabel, IReadOnlyList<HsmKeyDescription> keys)
    {
        output.WriteLine($"Token '{tokenLabel}': {keys.Count} private key(s)");
        foreach (var key in keys)
        {
            var role = key.Role is { } r ? r.ToString().ToLowerInvariant() : "not the broker's";
            output.WriteLine($"{key.Label,-24} {role,-10} {key.Algorithm,-9} {Flags(key)}");
            output.WriteLine(key.KeyId is null
                ? "    no certificate (keys issue-cert)"
                : $"    key id {key.KeyId}  valid to {Date(key.NotAfter)}  {key.Subject}");
        }
    }

    private static string Flags(HsmKeyDescription key) =>
        $"sensitive={Yes(key.Sensitive)} extractable={Yes(key.Extractable)} always-sensitive={Yes(key.AlwaysSensitive)} never-extractable={Yes(key.NeverExtractable)}";

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Date(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}
