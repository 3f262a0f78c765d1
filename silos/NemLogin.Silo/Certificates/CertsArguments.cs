using System.Globalization;
using System.Net;

namespace NemLogin.Silo.Certificates;

/// <summary>The verb's options, read through configuration (the command line provider maps <c>--role x</c> to key <c>role</c>).</summary>
internal sealed class CertsArguments(IConfiguration configuration)
{
    /// <summary>The first missing or malformed option, if any.</summary>
    public string? Problem { get; private set; }

    public string? CaKeyPassword => Required("Certs:CaKeyPassword", "the CA key's password in configuration (environment Certs__CaKeyPassword); it is never taken from the command line");

    public string? NodeKeyPassword => configuration["ClusterTls:KeyPassword"];

    public string? Folder => Required("dir", "--dir <folder>");

    public string OutputFolder => configuration["out"] is { Length: > 0 } output ? output : Folder ?? "";

    public string? Subject => configuration["subject"];

    public string? Name
    {
        get
        {
            var name = Required("name", "--name <name>");
            if (name is not null && (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(',') || name.Contains('=')))
            {
                Problem ??= "--name must be a plain file and host name (letters, digits, hyphens, dots).";
            }

            return name;
        }
    }

    public CertificateRole Role()
    {
        var text = configuration["role"];
        if (text is not null && Enum.TryParse<CertificateRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(text, out _))
        {
            return role;
        }

        Problem ??= "--role must be silo, gateway, store or keyring.";
        return default;
    }

    public IReadOnlyList<string> DnsNames() => List("dns");

    public IReadOnlyList<IPAddress> Addresses()
    {
        var addresses = new List<IPAddress>();
        foreach (var text in List("ip"))
        {
            if (IPAddress.TryParse(text, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                Problem ??= $"--ip '{text}' is not an IP address.";
            }
        }

        return addresses;
    }

    public TimeSpan Validity(int defaultDays)
    {
        var text = configuration["days"];
        if (text is null)
        {
            return TimeSpan.FromDays(defaultDays);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3650)
        {
            return TimeSpan.FromDays(days);
        }

        Problem ??= "--days must be a whole number of days between 1 and 3650.";
        return TimeSpan.FromDays(defaultDays);
    }

    private IReadOnlyList<string> List(string key) =>
        configuration[key]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private string? Required(string key, string what)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem ??= $"Missing {what}.";
            return null;
        }

        return value;
    }
}
