using NemLogin.Saml.Messages;
using Xunit;

namespace NemLogin.Saml.Tests.Messages;

public sealed class SamlInstantTests
{
    [Fact]
    public void Format_LocalOffset_WritesUtcWithMillisecondsAndZ()
    {
        var value = new DateTimeOffset(2026, 3, 1, 12, 30, 15, 42, TimeSpan.FromHours(1));

        Assert.Equal("2026-03-01T11:30:15.042Z", SamlInstant.Format(value));
    }

    [Theory]
    [InlineData("2026-03-01T11:30:15Z", 0)]
    [InlineData("2026-03-01T11:30:15.5Z", 5_000_000)]
    [InlineData("2026-03-01T11:30:15.042Z", 420_000)]
    [InlineData("2026-03-01T11:30:15.1234567Z", 1_234_567)]
    public void Parse_UtcWithAnyFraction_ReadsInstant(string text, long fractionTicks)
    {
        var expected = new DateTimeOffset(2026, 3, 1, 11, 30, 15, TimeSpan.Zero).AddTicks(fractionTicks);

        Assert.Equal(expected, SamlInstant.Parse(text, "test", SamlErrorCode.XmlSchemaViolation));
    }

    [Theory]
    [InlineData("2026-03-01T12:30:15+01:00")]
    [InlineData("2026-03-01T11:30:15")]
    [InlineData("2026-03-01 11:30:15Z")]
    [InlineData("01/03/2026 11:30:15")]
    [InlineData("2026-03-01T11:30:15.Z")]
    public void Parse_NotUtcXsDateTime_ReportsGivenCode(string text)
    {
        // SAML Core 1.3.3: UTC with Z only; a local or offset time is refused rather than guessed.
        var error = Assert.Throws<SamlException>(() => SamlInstant.Parse(text, "test", SamlErrorCode.MetadataInvalid));

        Assert.Equal(SamlErrorCode.MetadataInvalid, error.Code);
    }
}
