using NemLogin.Grains.Sessions;

namespace NemLogin.Grains.Tests.Sessions;

public sealed class SessionOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new SessionOptionsValidator().Validate(null, new SessionOptions()).Succeeded);
    }

    [Fact]
    public void Validate_IdleLongerThanAbsolute_FailsNamingTheKey()
    {
        var result = new SessionOptionsValidator().Validate(
            null, new SessionOptions { AbsoluteLifetime = TimeSpan.FromHours(1), IdleTimeout = TimeSpan.FromHours(2) });

        Assert.True(result.Failed);
        Assert.Contains("Sessions:IdleTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdleZero_Fails()
    {
        Assert.True(new SessionOptionsValidator().Validate(null, new SessionOptions { IdleTimeout = TimeSpan.Zero }).Failed);
    }

    [Fact]
    public void Validate_LogoutLifetimeOverAnHour_FailsNamingTheKey()
    {
        var result = new SessionOptionsValidator().Validate(null, new SessionOptions { LogoutLifetime = TimeSpan.FromHours(2) });

        Assert.Contains("Sessions:LogoutLifetime", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ActivationIdleLimitZeroOrOverAnHour_FailsNamingTheKey()
    {
        foreach (var limit in new[] { TimeSpan.Zero, TimeSpan.FromHours(2) })
        {
            var result = new SessionOptionsValidator().Validate(null, new SessionOptions { ActivationIdleLimit = limit });

            Assert.Contains("Sessions:ActivationIdleLimit", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
