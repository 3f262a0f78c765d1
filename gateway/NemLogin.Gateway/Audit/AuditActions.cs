namespace NemLogin.Gateway.Audit;

/// <summary>The stable action names audit records carry; queries and reports switch on them.</summary>
internal static class AuditActions
{
    public const string AuthnRequest = "saml.authn-request";
    public const string Assertion = "saml.assertion";
    public const string ErrorResponse = "saml.error-response";
    public const string LoginCallback = "login.callback";
    public const string UpstreamLogin = "login.upstream";
    public const string LogoutRequest = "saml.logout-request";
    public const string LogoutResponse = "saml.logout-response";
    public const string LogoutAtBroker = "logout.broker";
    public const string LogoutFinished = "logout.finish";
    public const string AdminAuthentication = "admin.authenticate";
    public const string SpRegister = "sp.register";
    public const string SpEnable = "sp.enable";
    public const string SpDisable = "sp.disable";
    public const string SpDelete = "sp.delete";
    public const string SpPolicy = "sp.policy";
    public const string SpMetadataSource = "sp.metadata-source";
    public const string SpMetadataRefresh = "sp.metadata-refresh";
    public const string OrganisationSave = "organisation.save";
    public const string EmployeeCreate = "employee.create";
    public const string EmployeeStatus = "employee.status";
    public const string EmployeeBind = "employee.bind";
    public const string RightGrant = "rights.grant";
    public const string RightRevoke = "rights.revoke";
    public const string PrivilegesReplace = "privileges.replace";
    public const string MandateGrant = "mandate.grant";
    public const string MandateRevoke = "mandate.revoke";
    public const string MandateRequest = "mandate.request";
    public const string MandateApprove = "mandate.approve";
    public const string MandateDecline = "mandate.decline";
    public const string SelfServiceLogin = "self-service.login";
    public const string SelfServiceForm = "self-service.form";
    public const string RefusalsSuppressed = "audit.refusals-suppressed";

    public const string AdminActor = "admin-api";
    public const string MetadataDirectoryActor = "system:metadata-directory";
    public const string MetadataRefreshActor = "system:metadata-refresh";
    public const string AuditActor = "system:audit";
    public const string DemoActor = "system:demo";

    /// <summary>The actor of a business identity created at an employee's first login through the organisation's own IdP.</summary>
    public const string OrganisationIdpActor = "system:org-idp";
}
