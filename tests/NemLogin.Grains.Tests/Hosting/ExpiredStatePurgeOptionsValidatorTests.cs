using NemLogin.Grains.Hosting;

namespace NemLogin.Grains.Tests.Hosting;

public sealed class ExpiredStatePurgeOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new ExpiredStatePurgeOptionsValidator().Validate(null, new ExpiredStatePurgeOptions()).Succeeded);
    }

    [Fact]
    public void Validate_AuditRetentionOutsideTwoMinutesToAWeek_FailsNamingTheKey()
    {
        // Shorter, the trail is gone before anyone reads it; longer, an embedded host's memory holds an audit trail it
        // should not.
        foreach (var retention in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromDays(8) })
        {
            var result = new ExpiredStatePurgeOptionsValidator().Validate(null, new ExpiredStatePurgeOptions { AuditRetention = retention });

            Assert.True(result.Failed);
            Assert.Contains("Purge:AuditRetention", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
