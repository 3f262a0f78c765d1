namespace NemLogin.ClusterTls;

/// <summary>
/// What a cluster certificate lets its holder do, carried in its extended key usage: a silo serves (server
/// authentication) and calls other silos (client authentication); a gateway only calls (client authentication), so a
/// gateway's key cannot pose as a silo.
/// </summary>
public enum ClusterRole
{
    Silo,
    Gateway,
}
