using NemLogin.Grains.BusinessIdentities;

namespace NemLogin.Gateway.Admin;

/// <summary>A business identity as the admin API shows it: ids, status, level, unit, rights; no name, no CPR number.</summary>
internal sealed record EmployeeDocument(
    Guid Id,
    string Cvr,
    Guid? PersonId,
    string Status,
    string Loa,
    string? ProductionUnit,
    string? SeNumber,
    IReadOnlyList<RightDocument> Rights,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static EmployeeDocument From(BusinessIdentity b) => new(
        b.Id, b.Cvr, b.PersonId, b.Status.ToString(), b.Loa.ToString(), b.ProductionUnit, b.SeNumber, [.. b.Rights.Select(RightDocument.From)], b.Version, b.CreatedAt, b.UpdatedAt);
}
