namespace NemLogin.Grains.Rights;

/// <summary>
/// An IT system whose provider defines privileges: a registered SAML SP or OpenID Connect client. <see cref="Key"/> keys
/// its <see cref="IPrivilegeCatalogueGrain"/>: <c>saml|{entityID}</c> or <c>oidc|{client_id}</c> (the prefix is fixed,
/// so the rest may hold any character).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("nl.it-system")]
public sealed record ItSystem(
    [property: Id(0)] ItSystemKind Kind,
    [property: Id(1)] string Id)
{
    /// <summary>The longest entityID or client_id the broker accepts (as its SAML reader does).</summary>
    public const int MaxIdLength = 1024;

    public string Key => (Kind == ItSystemKind.Oidc ? "oidc|" : "saml|") + Id;

    public static ItSystem Saml(string entityId) => new(ItSystemKind.Saml, entityId);

    public static ItSystem Oidc(string clientId) => new(ItSystemKind.Oidc, clientId);

    /// <summary>Whether <see cref="Id"/> can name a registration: 1 to 1,024 visible characters.</summary>
    public bool IsWellFormed() =>
        Enum.IsDefined(Kind) && Id is { Length: > 0 and <= MaxIdLength } && !Id.Any(char.IsControl) && Id.Trim().Length == Id.Length;

    /// <summary>The system a catalogue key names, or null for a key no system has.</summary>
    public static ItSystem? FromKey(string? key)
    {
        var system = key switch
        {
            ['s', 'a', 'm', 'l', '|', .. var id] => Saml(id),
            ['o', 'i', 'd', 'c', '|', .. var id] => Oidc(id),
            _ => null,
        };
        return system?.IsWellFormed() == true ? system : null;
    }
}
