using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.ItSystems;

/// <summary>
/// A registered IT system as people see it: its name (the SAML metadata's ServiceName or the OIDC client's
/// <c>client_name</c>, else its id), whether it is enabled, and the CVR number of its provider when support staff named one.
/// </summary>
internal sealed record ItSystemInfo(ItSystem System, string DisplayName, bool Enabled, string? OwnerCvr);
