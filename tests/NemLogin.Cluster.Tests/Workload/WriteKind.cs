namespace NemLogin.Cluster.Tests.Workload;

/// <summary>Every kind of write the broker acknowledges that the fault test streams.</summary>
internal enum WriteKind
{
    Login,
    ServiceProviderRegistration,
    ServiceProviderDisable,
    ServiceProviderDelete,
    OneTimeId,
    OneTimeIdDuel,
    Session,
    SessionEnd,
    Identity,
    Audit,
}
