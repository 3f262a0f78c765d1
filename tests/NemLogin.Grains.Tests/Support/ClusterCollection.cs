namespace NemLogin.Grains.Tests.Support;

/// <summary>Tests sharing the cluster run one after another, so advancing the shared clock never races another test.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
