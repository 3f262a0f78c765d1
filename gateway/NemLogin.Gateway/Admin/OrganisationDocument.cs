using NemLogin.Grains.Organisations;

namespace NemLogin.Gateway.Admin;

internal sealed record OrganisationDocument(
    string Cvr,
    string Name,
    IReadOnlyList<string> ProductionUnits,
    IReadOnlyList<string> SeNumbers,
    string Status,
    IReadOnlyList<Guid> Administrators,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrganisationDocument From(Organisation o) => new(
        o.Cvr, o.Details.Name, o.Details.ProductionUnits, o.Details.SeNumbers, o.Details.Status.ToString(), o.Details.Administrators, o.Version, o.CreatedAt, o.UpdatedAt);
}
