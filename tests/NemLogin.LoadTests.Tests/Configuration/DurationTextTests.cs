using NemLogin.LoadTests.Configuration;
using Xunit;

namespace NemLogin.LoadTests.Tests.Configuration;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("00:01:30", 90)]
    public void Parse_KnownForms_GiveTheDuration(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("60")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("0s")]
    public void Parse_Nonsense_IsRefusedWithTheAccepetedForms(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse(text));
        Assert.Contains("60s", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(7200, "2h")]
    [InlineData(0.25, "250ms")]
    public void Format_ReadsBackTheSameDuration(double seconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));
    }
}
