using NemLogin.Grains.Errors;
using Microsoft.AspNetCore.WebUtilities;
using NemLogin.Demo.MitIdSimulator;
using NemLogin.Gateway.Tests.MitIdSimulator;
using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Assurance;
using Xunit;

namespace NemLogin.Gateway.Tests.Upstream;

/// <summary>
/// The broker's MitID client against the simulator over real loopback HTTP: browser round trip to the login form,
/// back-channel code exchange, ID token validation.
/// </summary>
public sealed class MitIdRoundTripTests
{
    [Fact]
    public async Task CompleteAsync_AliceLogsIn_ReturnsHerAttributesAtSubstantial()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-alice", LevelOfAssurance.Substantial, forceAuthn: false);

        var location = await browser.LogInAsync(challenge.RedirectUrl, "alice");
        var authentication = await host.Upstream.CompleteAsync(
            UpstreamTestData.CallbackContext(location), UpstreamTestData.PendingFor(challenge), TestContext.Current.CancellationToken);

        Assert.StartsWith(host.CallbackUrl + "?", location.ToString(), StringComparison.Ordinal);
        Assert.Equal("flow-alice", QueryHelpers.ParseQuery(location.Query)["state"].ToString());
        Assert.Equal(host.Issuer, authentication.Authority);
        Assert.Equal(host.Issuer, host.Upstream.AuthorityId);
        Assert.Equal(TestUsers.Alice.MitIdUuid.ToString(), authentication.Subject);
        Assert.Equal(LevelOfAssurance.Substantial, authentication.Loa);
        Assert.Equal("Alice", authentication.Person.GivenName);
        Assert.Equal("Andersen", authentication.Person.FamilyName);
        Assert.Equal(new DateOnly(1985, 3, 12), authentication.Person.DateOfBirth);
        Assert.Equal(TestUsers.Alice.CprNumber, authentication.Person.CprNumber);
        Assert.Equal(TestUsers.Alice.Email, authentication.Person.Email);
        Assert.InRange(authentication.AuthnInstant, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task CompleteAsync_BentLogsIn_ReturnsHigh()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-bent", LevelOfAssurance.High, forceAuthn: true);

        var location = await browser.LogInAsync(challenge.RedirectUrl, "bent");
        var authentication = await host.Upstream.CompleteAsync(
            UpstreamTestData.CallbackContext(location), UpstreamTestData.PendingFor(challenge, LevelOfAssurance.High), TestContext.Current.CancellationToken);

        Assert.Equal(LevelOfAssurance.High, authentication.Loa);
        Assert.Equal(TestUsers.Bent.MitIdUuid.ToString(), authentication.Subject);
    }

    // The simulator does not step up: a user below the requested level comes back at their own level, for the
    // broker to answer NoAuthnContext.
    [Fact]
    public async Task CompleteAsync_CarlWhenSubstantialWasRequested_ReturnsLow()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-carl", LevelOfAssurance.Substantial, forceAuthn: false);

        var location = await browser.LogInAsync(challenge.RedirectUrl, "carl");
        var authentication = await host.Upstream.CompleteAsync(
            UpstreamTestData.CallbackContext(location), UpstreamTestData.PendingFor(challenge), TestContext.Current.CancellationToken);

        Assert.Equal(LevelOfAssurance.Low, authentication.Loa);
    }

    [Fact]
    public async Task CompleteAsync_UserCancels_ThrowsCancelled()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-cancel", LevelOfAssurance.Substantial, forceAuthn: false);
        var page = await browser.GetAsync(challenge.RedirectUrl);

        var cancelled = await browser.SubmitAsync(LoginForm.Parse(page.Html), "cancel");
        var failure = await Assert.ThrowsAsync<UpstreamException>(() => host.Upstream.CompleteAsync(
            UpstreamTestData.CallbackContext(cancelled.Location!), UpstreamTestData.PendingFor(challenge), TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamCancelled), failure.Code);
    }

    // Replay / code injection: a callback completed against another login's pending state carries the wrong nonce.
    [Fact]
    public async Task CompleteAsync_IdTokenForAnotherLoginsNonce_ThrowsNonceMismatch()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var victim = host.Upstream.CreateChallenge("flow-victim", LevelOfAssurance.Substantial, forceAuthn: false);
        var attacker = host.Upstream.CreateChallenge("flow-attacker", LevelOfAssurance.Substantial, forceAuthn: false);

        var location = await browser.LogInAsync(attacker.RedirectUrl, "alice");
        var pending = UpstreamTestData.PendingFor(victim) with { UpstreamCodeVerifier = attacker.CodeVerifier };
        var failure = await Assert.ThrowsAsync<UpstreamException>(() =>
            host.Upstream.CompleteAsync(UpstreamTestData.CallbackContext(location), pending, TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamNonceMismatch), failure.Code);
    }

    // PKCE (RFC 7636): an injected code without its login's verifier is refused by MitID at the exchange.
    [Fact]
    public async Task CompleteAsync_CodeFromAnotherLogin_ThrowsExchangeFailed()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var victim = host.Upstream.CreateChallenge("flow-victim", LevelOfAssurance.Substantial, forceAuthn: false);
        var attacker = host.Upstream.CreateChallenge("flow-attacker", LevelOfAssurance.Substantial, forceAuthn: false);

        var location = await browser.LogInAsync(attacker.RedirectUrl, "alice");
        var failure = await Assert.ThrowsAsync<UpstreamException>(() => host.Upstream.CompleteAsync(
            UpstreamTestData.CallbackContext(location), UpstreamTestData.PendingFor(victim), TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamExchangeFailed), failure.Code);
    }

    // Code replay: the same callback completed twice fails the second time (invalid_grant at MitID).
    [Fact]
    public async Task CompleteAsync_SameCallbackTwice_SecondThrowsExchangeFailed()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-replay", LevelOfAssurance.Substantial, forceAuthn: false);
        var location = await browser.LogInAsync(challenge.RedirectUrl, "alice");
        var pending = UpstreamTestData.PendingFor(challenge);

        await host.Upstream.CompleteAsync(UpstreamTestData.CallbackContext(location), pending, TestContext.Current.CancellationToken);
        var failure = await Assert.ThrowsAsync<UpstreamException>(() =>
            host.Upstream.CompleteAsync(UpstreamTestData.CallbackContext(location), pending, TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamExchangeFailed), failure.Code);
        Assert.Contains(host.Logs.Lines, line => line.Contains("invalid_grant", StringComparison.Ordinal));
    }

    // RFC 9207 mix-up defence: a callback naming another issuer, or none though MitID promised one, is refused
    // before the code is sent anywhere.
    [Theory]
    [InlineData("https://evil.example/mitid-sim")]
    [InlineData(null)]
    public async Task CompleteAsync_CallbackIssuerNotMitIds_ThrowsIssuerMismatch(string? iss)
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-mixup", LevelOfAssurance.Substantial, forceAuthn: false);
        var location = await browser.LogInAsync(challenge.RedirectUrl, "alice");
        var query = QueryHelpers.ParseQuery(location.Query);
        var forged = QueryHelpers.AddQueryString(host.CallbackUrl, new Dictionary<string, string?>
        {
            ["code"] = query["code"],
            ["state"] = query["state"],
            ["iss"] = iss,
        }.Where(p => p.Value is not null));

        var failure = await Assert.ThrowsAsync<UpstreamException>(() => host.Upstream.CompleteAsync(
            UpstreamTestData.CallbackContext(new Uri(forged)), UpstreamTestData.PendingFor(challenge), TestContext.Current.CancellationToken));

        Assert.Equal(BrokerErrors.Name(BrokerError.UpstreamIssuerMismatch), failure.Code);
        var (status, _, _) = await OidcRequests.RedeemAsync(host, query["code"]!, challenge.CodeVerifier);
        Assert.Equal(System.Net.HttpStatusCode.OK, status); // the code was never spent
    }

    // No personal data in logs (docs/architecture.md, rules that hold everywhere): a whole login, both sides, logs no CPR number, name or e-mail.
    [Fact]
    public async Task CompleteAsync_FullLogin_LogsNoPersonalData()
    {
        await using var host = await MitIdTestHost.StartAsync();
        using var browser = host.NewBrowser();
        var challenge = host.Upstream.CreateChallenge("flow-logs", LevelOfAssurance.Substantial, forceAuthn: false);
        var location = await browser.LogInAsync(challenge.RedirectUrl, "alice");

        await host.Upstream.CompleteAsync(UpstreamTestData.CallbackContext(location), UpstreamTestData.PendingFor(challenge), TestContext.Current.CancellationToken);

        var logs = string.Join('\n', host.Logs.Lines);
        Assert.Contains("issued an ID token", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUsers.Alice.CprNumber, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Andersen", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUsers.Alice.Email, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(MitIdSimulatorOptions.DevelopmentClientSecret, logs, StringComparison.Ordinal);
    }
}
