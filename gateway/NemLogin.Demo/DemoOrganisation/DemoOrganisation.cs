namespace NemLogin.Demo.DemoOrganisation;

/// <summary>
/// The demo's user organisation (MitID Erhverv): invented, like the test users. Its CVR number passes the modulus 11 check
/// so the broker accepts it; it is made up for this demo. Shown in README's demo users section.
/// </summary>
internal static class DemoOrganisation
{
    public const string Cvr = "98765433";
    public const string Name = "Demo Erhverv ApS";
    public const string ProductionUnit = "1098765432";
    public const string SeNumber = "31415926";

    /// <summary>The one privilege the demo SP defines, granted to bent for the whole organisation.</summary>
    public const string CaseWorkerPrivilege = "urn:dk:nemlogin:demo-sp:privilege:case-worker";
    public const string CaseWorkerName = "Sagsbehandler (case worker)";
    public const string DepartmentConstraint = "urn:dk:nemlogin:demo-sp:constraint:department";
    public const string Department = "Borgerservice";
}
