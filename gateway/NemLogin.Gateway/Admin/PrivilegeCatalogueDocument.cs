using System.Text.Json.Serialization;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>GET</c>/<c>PUT …/service-providers/{entityId}/privileges</c> and <c>…/oidc-clients/{clientId}/privileges</c>: the IT
/// system's privileges. A PUT replaces them all (send <c>privileges</c> and a request id); version 0: none defined yet.
/// </summary>
internal sealed record PrivilegeCatalogueDocument : IChangeRequest
{
    public IReadOnlyList<PrivilegeDocument>? Privileges { get; init; }

    public long Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }
}
