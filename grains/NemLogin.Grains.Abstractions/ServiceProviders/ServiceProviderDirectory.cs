namespace NemLogin.Grains.ServiceProviders;

public static class ServiceProviderDirectory
{
    /// <summary>The directory is one grain: thousands of entityIDs fit one activation's state.</summary>
    public const long Key = 0;
}
