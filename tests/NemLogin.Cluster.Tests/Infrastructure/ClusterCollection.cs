using Xunit;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>One cluster of processes for every test that needs it: starting it costs tens of seconds.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterUnderTest>
{
    public const string Name = "cluster";
}
