using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Tests.Support;

/// <summary>The one registry of stable error codes: every error named once, names unique and of the area.name shape.</summary>
public sealed class BrokerErrorsTests
{
    [Fact]
    public void Registry_EveryError_HasOneUniqueName()
    {
        var errors = Enum.GetValues<BrokerError>();

        Assert.Equal(errors.Length, BrokerErrors.All.Count);
        Assert.Equal(errors.Length, errors.Select(BrokerErrors.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(errors, e => Assert.Matches("^[a-z]+(-[a-z]+)*\\.[a-z-]+$", BrokerErrors.Name(e)));
    }

    [Fact]
    public void Registry_NameRoundTrips_ToTheNumberedError()
    {
        Assert.True(BrokerErrors.TryParse("flow.browser-mismatch", out var error));
        Assert.Equal(1002, (int)error);
        Assert.Equal("1002 flow.browser-mismatch", BrokerErrors.Reference(error));
        Assert.False(BrokerErrors.TryParse("flow.nothing-like-it", out _));
    }
}
