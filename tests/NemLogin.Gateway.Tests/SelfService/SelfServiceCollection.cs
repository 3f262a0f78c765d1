using Xunit;

namespace NemLogin.Gateway.Tests.SelfService;

/// <summary>The self-service tests share one broker (starting one costs seconds); they run one class after another.</summary>
[CollectionDefinition(Name)]
public sealed class SelfServiceCollection : ICollectionFixture<SelfServiceFixture>
{
    public const string Name = "self-service-broker";
}
