namespace NemLogin.Grains.Oidc;

/// <summary>Keys of <see cref="IOidcTokenIndexGrain"/>: tokens by reference id, and (before 2026-12-07) tokens by authorization id.</summary>
public static class OidcTokenIndexKey
{
    public static string ForReference(string referenceId) => "ref:" + referenceId;

    /// <summary>
    /// Where tokens were indexed by authorization until the authorization grain kept its own list
    /// (<see cref="IOidcAuthorizationGrain.AttachTokenAsync"/>). Only read now, by revocation, so that a token issued
    /// before that change is still revoked with its chain; nothing is added here any more.
    /// </summary>
    public static string ForAuthorization(string authorizationId) => "authz:" + authorizationId;
}
