namespace NemLogin.Grains.Oidc;

/// <summary>Keys of <see cref="IOidcTokenIndexGrain"/>: tokens by reference id, and tokens by authorization id.</summary>
public static class OidcTokenIndexKey
{
    public static string ForReference(string referenceId) => "ref:" + referenceId;

    public static string ForAuthorization(string authorizationId) => "authz:" + authorizationId;
}
