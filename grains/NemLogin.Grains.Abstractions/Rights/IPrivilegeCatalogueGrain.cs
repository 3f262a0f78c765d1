using System.Collections.Immutable;

namespace NemLogin.Grains.Rights;

/// <summary>
/// The privileges catalogue of one IT system, keyed by <see cref="ItSystem.Key"/>. A right can be granted only for a
/// privilege listed here, and a login carries only rights whose privilege is still listed.
/// </summary>
[Alias("nl.privilege.catalogue")]
public interface IPrivilegeCatalogueGrain : IGrainWithStringKey
{
    /// <summary>The catalogue, or null when the system's provider has defined none.</summary>
    [Alias("get")]
    Task<PrivilegeCatalogue?> GetAsync();

    /// <summary>
    /// Replaces the catalogue (an empty list leaves none defined). Refused: <c>privileges.it-system-unknown</c> (the key
    /// names no registered SP or OIDC client), <c>privileges.catalogue-invalid</c> (a URI that is not absolute, a
    /// repeated URI, a blank or over-long name, a repeated or blank constraint name, too many), and the <c>request.*</c> codes.
    /// </summary>
    [Alias("replace")]
    Task<PrivilegeCatalogue> ReplaceAsync(string requestId, ImmutableArray<Privilege> privileges);
}
