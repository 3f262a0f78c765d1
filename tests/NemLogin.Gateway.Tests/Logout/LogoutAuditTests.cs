using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Audit;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Audit;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>Every logout and every refused logout message leaves an audit record naming the SP, the identity and the outcome.</summary>
public sealed class LogoutAuditTests(SloBroker broker) : IClassFixture<SloBroker>
{
    [Fact]
    public async Task Audit_LogoutWithSilentParticipant_SessionEndAnswersAndPartialFinishRecorded()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var a = await broker.A.LogInAsync(browser, broker);
        await broker.B.LogInAsync(browser, broker);
        await broker.C.LogInAsync(browser, broker);
        var progress = await channel.FollowAsync(await broker.A.RedirectUrlAsync(broker, broker.A.NewLogoutRequest(broker, a)));
        var atB = broker.B.ReceiveRequest(await channel.GetAsync(broker.BaseUrl + progress.FrameSources[0]), broker);
        await channel.PostFormAsync(broker.SloUrl, await broker.B.AnswerPostFormAsync(broker.B.Answer(broker, atB)));
        await channel.GetAsync(progress.Url + "/finish");

        var ofA = await RecordsAsync(since, broker.A.EntityId, AuditCategory.Logout);
        var ofB = await RecordsAsync(since, broker.B.EntityId, AuditCategory.Logout);

        var ended = Assert.Single(ofA, r => r.Action == AuditActions.LogoutRequest);
        Assert.Equal(AuditOutcome.Success, ended.Outcome);
        Assert.NotNull(ended.IdentityId);
        var finished = Assert.Single(ofA, r => r.Action == AuditActions.LogoutFinished);
        Assert.Equal(AuditOutcome.Failed, finished.Outcome);
        Assert.Contains("PartialLogout", finished.Detail, StringComparison.Ordinal);
        Assert.Equal(ended.IdentityId, finished.IdentityId);
        Assert.Equal(AuditOutcome.Success, Assert.Single(ofB, r => r.Action == AuditActions.LogoutResponse).Outcome);
    }

    [Fact]
    public async Task Audit_UnsignedLogoutRequest_RefusalRecordedWithCode()
    {
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var e = await broker.E.LogInAsync(browser, broker);
        var url = await broker.E.RedirectUrlAsync(broker, broker.E.NewLogoutRequest(broker, e));

        await channel.GetAsync(url[..url.IndexOf("&SigAlg=", StringComparison.Ordinal)]);

        var refusal = Assert.Single(await RecordsAsync(since, broker.E.EntityId, AuditCategory.Refusal));
        Assert.Equal(AuditActions.LogoutRequest, refusal.Action);
        Assert.Equal(AuditOutcome.Refused, refusal.Outcome);
        Assert.Equal("saml.300.SignatureMissing", refusal.Code);
    }

    private async Task<IReadOnlyList<AuditRecord>> RecordsAsync(DateTimeOffset since, string serviceProvider, AuditCategory category)
    {
        var services = broker.Broker.Services;
        await services.GetRequiredService<IAuditTrail>().FlushAsync(TestContext.Current.CancellationToken);
        var filter = new AuditFilter { From = since, To = DateTimeOffset.UtcNow.AddMinutes(1), ServiceProvider = serviceProvider, Category = category };
        return (await services.GetRequiredService<AuditReader>().QueryAsync(filter, 100, null, TestContext.Current.CancellationToken)).Records;
    }
}
