using NemLogin.Gateway.ItSystems;
using NemLogin.Gateway.SelfService.Mandates;
using NemLogin.Grains.BusinessIdentities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.SelfService.Organisations;

/// <summary>
/// What an administrator's page shows of one organisation: its employees with their rights, the business mandates it gave
/// and holds, the IT systems it may grant from (enabled, with their catalogues) and the systems it provides.
/// </summary>
internal sealed record OrganisationView(
    Organisation Organisation,
    IReadOnlyList<EmployeeView> Employees,
    MandateOverview Mandates,
    IReadOnlyList<ItSystemInfo> Systems,
    IReadOnlyDictionary<ItSystem, PrivilegeCatalogue> Catalogues,
    IReadOnlyList<(ItSystemInfo System, PrivilegeCatalogue? Catalogue)> Provided);

/// <summary>An employee (business identity) by the bound person's name, with each right named by system and privilege.</summary>
internal sealed record EmployeeView(BusinessIdentity Identity, string? PersonName, IReadOnlyList<RightView> Rights);

/// <summary>One right as shown: the system's and the privilege's names beside the right itself.</summary>
internal sealed record RightView(Right Right, string SystemName, string PrivilegeName);
