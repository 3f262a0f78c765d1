using System.Globalization;

namespace NemLogin.Gateway.SelfService.Organisations;

/// <summary>An organisation administrator's page and the changes it posts, under <c>/selvbetjening/organisationer/{cvr}</c>.</summary>
internal static class OrganisationPaths
{
    public static string Page(string cvr) => SelfServicePaths.Organisation(cvr);

    public static string Employees(string cvr) => Page(cvr) + "/medarbejdere";

    public static string EmployeeStatus(string cvr, Guid employeeId) => $"{Employees(cvr)}/{employeeId.ToString("D", CultureInfo.InvariantCulture)}/status";

    public static string Rights(string cvr) => Page(cvr) + "/rettigheder";

    public static string RevokeRight(string cvr) => Rights(cvr) + "/fjern";

    public static string Mandates(string cvr) => Page(cvr) + "/fuldmagter";

    public static string RevokeMandate(string cvr, Guid mandateId) => $"{Mandates(cvr)}/{mandateId.ToString("D", CultureInfo.InvariantCulture)}/tilbagekald";
}
