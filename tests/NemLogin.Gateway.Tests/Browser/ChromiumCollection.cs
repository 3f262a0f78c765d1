using Xunit;

namespace NemLogin.Gateway.Tests.Browser;

/// <summary>
/// Chromium suites run alone: a browser start competes hard for two cores, and a test that waits for a page under a
/// parallel load measures the machine, not the broker.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChromiumCollection
{
    public const string Name = "chromium";
}
