namespace NemLogin.Grains.Placement;

/// <summary>
/// How a caller tells the cluster which data centre received the request: the gateway puts its data-centre label in
/// the Orleans RequestContext under <see cref="RequestContextKey"/>, and silos carry theirs as silo metadata under
/// <see cref="SiloMetadataKey"/>. Sessions and login flows are then activated on a silo of the receiving data centre.
/// </summary>
public static class DataCentreContext
{
    public const string RequestContextKey = "nl.dc";

    public const string SiloMetadataKey = "nl.dc";
}
