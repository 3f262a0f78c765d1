using Xunit;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>
/// Tests that start heavy processes of their own (stores, hosts at Trace): they run alone, after the parallel ones, so
/// they never take the CPU from the shared cluster's timed failure detection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
