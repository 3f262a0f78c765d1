namespace NemLogin.Gateway.SelfService;

/// <summary>
/// An organisation the self-service user administers: its CVR number and name, and the user's business identity there
/// (an administrator of the organisation), which audit records name as the actor of the user's changes to it.
/// </summary>
internal sealed record AdministeredOrganisation(string Cvr, string Name, Guid AdministratorId);
