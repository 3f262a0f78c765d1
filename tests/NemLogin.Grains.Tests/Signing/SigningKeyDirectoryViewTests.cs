using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains.Signing;

namespace NemLogin.Grains.Tests.Signing;

/// <summary>
/// A silo's copy of the key directory (fault class "a site that stops answering"): the directory is one grain on one
/// silo, and while that silo hangs until it is declared dead, a read of the grain waits the whole response timeout. The
/// signer pool reads the copy, so listing keys or forwarding a signature to another site never waits on such a read once
/// the silo has read the directory once; a stale copy is refreshed in the background, one read at a time, and a failed
/// read keeps it.
/// </summary>
public sealed class SigningKeyDirectoryViewTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly List<TaskCompletionSource<ImmutableArray<SiteSigningKeys>>> _reads = [];

    [Fact]
    public async Task StaleCopy_DirectoryHangs_CopyServedAtOnceAndOneReadOutstanding()
    {
        var view = View();
        var first = view.GetAsync();
        Answer(0, Sites("DC1", "DC2"));
        Assert.Equal(["DC1", "DC2"], (await first).Select(s => s.Site));

        _time.Advance(Interval);
        // The directory's silo stops answering: the read is never answered, yet every caller gets the copy now.
        var served = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => view.GetAsync()));

        Assert.All(served, sites => Assert.Equal(["DC1", "DC2"], sites.Select(s => s.Site)));
        await WaitForReadsAsync(2);
        Assert.Equal(2, _reads.Count);
    }

    [Fact]
    public async Task StaleCopy_RefreshAnswers_NextReadShowsTheChange()
    {
        var view = View();
        var first = view.GetAsync();
        Answer(0, Sites("DC1"));
        await first;

        _time.Advance(Interval);
        Assert.Equal(["DC1"], (await view.GetAsync()).Select(s => s.Site));
        await WaitForReadsAsync(2);
        Answer(1, Sites("DC1", "DC2"));

        await WaitUntilAsync(async () => (await view.GetAsync()).Length == 2);
        Assert.Equal(["DC1", "DC2"], (await view.GetAsync()).Select(s => s.Site));
    }

    [Fact]
    public async Task StaleCopy_RefreshFails_CopyKeptAndTheNextStaleReadTriesAgain()
    {
        var view = View();
        var first = view.GetAsync();
        Answer(0, Sites("DC1", "DC2"));
        await first;

        _time.Advance(Interval);
        await view.GetAsync();
        await WaitForReadsAsync(2);
        _reads[1].SetException(new TimeoutException("Response did not arrive on time"));

        await WaitUntilAsync(async () =>
        {
            // Each stale read starts a refresh only when none is outstanding.
            Assert.Equal(["DC1", "DC2"], (await view.GetAsync()).Select(s => s.Site));
            return _reads.Count == 3;
        });
    }

    [Fact]
    public async Task NoCopy_DirectoryHangs_RefusedAsHsmUnavailableAfterTheFirstReadTimeout()
    {
        var view = View();
        var read = view.GetAsync();
        await WaitForReadsAsync(1);
        Assert.False(read.IsCompleted);

        _time.Advance(SigningKeyDirectoryView.FirstReadTimeout);

        var refusal = await Assert.ThrowsAsync<GrainRuleException>(() => read);
        Assert.Equal("signing.hsm-unavailable", refusal.Code);
    }

    [Fact]
    public async Task Accept_WhatThePublisherReadBack_ServedWithoutARead()
    {
        var view = View();
        view.Accept(Sites("DC2"));

        Assert.Equal(["DC2"], (await view.GetAsync()).Select(s => s.Site));
        Assert.Empty(_reads);
    }

    private SigningKeyDirectoryView View() => new(
        () =>
        {
            var read = new TaskCompletionSource<ImmutableArray<SiteSigningKeys>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_reads)
            {
                _reads.Add(read);
            }

            return read.Task;
        },
        Options.Create(new SigningOptions { Site = "DC1", KeyPublishInterval = Interval }),
        _time,
        NullLogger<SigningKeyDirectoryView>.Instance);

    private void Answer(int read, ImmutableArray<SiteSigningKeys> sites)
    {
        SpinWait.SpinUntil(() => _reads.Count > read, TimeSpan.FromSeconds(10));
        _reads[read].SetResult(sites);
    }

    private async Task WaitForReadsAsync(int count) => await WaitUntilAsync(() => Task.FromResult(_reads.Count >= count));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The condition did not hold within 5 s.");
    }

    private static ImmutableArray<SiteSigningKeys> Sites(params string[] sites) =>
        [.. sites.Select(site => new SiteSigningKeys(site, [new SigningKeyInfo("key-" + site, KeyPurpose.SamlSigning, [], true, "Pkcs11")], DateTimeOffset.UnixEpoch))];
}
