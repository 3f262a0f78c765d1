namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// What the grant and request forms send, as typed: the other person's CPR number and name, the chosen IT systems (their
/// catalogue keys) and privileges (<c>{uri} {system key}</c>), the validity days, and the request id the form was shown
/// with, so a form sent twice (a double click, a retry) makes one mandate.
/// </summary>
internal sealed record MandateForm
{
    public const string CprField = "cpr";
    public const string NameField = "name";
    public const string SystemField = "system";
    public const string PrivilegeField = "privilege";
    public const string ValidFromField = "validFrom";
    public const string ValidToField = "validTo";
    public const string RequestIdField = "requestId";

    public string Cpr { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public IReadOnlyList<string> Systems { get; init; } = [];

    public IReadOnlyList<string> Privileges { get; init; } = [];

    public string ValidFrom { get; init; } = string.Empty;

    public string ValidTo { get; init; } = string.Empty;

    public required string RequestId { get; init; }

    public static MandateForm New() => new() { RequestId = NewRequestId() };

    public static MandateForm Read(IFormCollection form) => new()
    {
        Cpr = form[CprField].ToString().Trim(),
        Name = form[NameField].ToString().Trim(),
        Systems = [.. form[SystemField].OfType<string>()],
        Privileges = [.. form[PrivilegeField].OfType<string>()],
        ValidFrom = form[ValidFromField].ToString().Trim(),
        ValidTo = form[ValidToField].ToString().Trim(),
        RequestId = FormHtml.RequestIdOf(form),
    };

    /// <summary>A privilege checkbox's value: the privilege's URI (absolute, so without spaces) and the system's key.</summary>
    public static string PrivilegeValue(string uri, string systemKey) => uri + " " + systemKey;

    /// <summary>The (URI, system key) a privilege checkbox sent, or null for anything else.</summary>
    public static (string Uri, string SystemKey)? ReadPrivilege(string value) =>
        value.Split(' ', 2) is [{ Length: > 0 } uri, { Length: > 0 } key] ? (uri, key) : null;

    public static string NewRequestId() => FormHtml.NewRequestId();
}
