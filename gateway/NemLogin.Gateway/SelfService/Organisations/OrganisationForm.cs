namespace NemLogin.Gateway.SelfService.Organisations;

/// <summary>
/// The forms of an organisation's page, their field names and the ids their fields have on the page (unique across the
/// page's forms, so an error summary links to the right one). <see cref="Posted"/> is what a form with errors sent, shown
/// again in that form.
/// </summary>
internal sealed record OrganisationForm(string Name, IFormCollection Posted)
{
    public const string AddEmployee = "add-employee";
    public const string GrantRight = "grant-right";
    public const string BusinessMandate = "business-mandate";

    public const string EmployeeCprId = "employee-cpr";
    public const string EmployeeNameId = "employee-name";
    public const string EmployeeLoaId = "employee-loa";
    public const string RightEmployeeId = "right-employee";
    public const string RightPrivilegeId = "right-privilege";
    public const string RightScopeId = "right-scope";
    public const string GranteeKindId = "grantee-kind-organisation";
    public const string GranteeCvrId = "grantee-cvr";
    public const string GranteeCprId = "grantee-cpr";
    public const string GranteeNameId = "grantee-name";

    /// <summary>A posted value of this form, when <paramref name="form"/> is the one that was posted.</summary>
    public static string Value(OrganisationForm? posted, string form, string field) =>
        posted is not null && posted.Name == form ? posted.Posted[field].ToString() : string.Empty;

    public static IReadOnlyList<string> Values(OrganisationForm? posted, string form, string field) =>
        posted is not null && posted.Name == form ? [.. posted.Posted[field].OfType<string>()] : [];
}
