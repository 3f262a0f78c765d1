using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>The admin, policy and audit tests share one broker (starting one costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin-broker";
}
