namespace NemLogin.Grains;

/// <summary>Names of the grain storage providers. Embedded mode maps them all to memory; cluster mode to PostgreSQL.</summary>
public static class StorageNames
{
    public const string ServiceProviders = "service-providers";
    public const string Sessions = "sessions";
    public const string LoginFlows = "login-flows";
    public const string Identities = "identities";
    public const string OneTimeIds = "one-time-ids";
    public const string Audit = "audit";
    public const string Oidc = "oidc";
    public const string Organisations = "organisations";
    public const string Mandates = "mandates";
}
