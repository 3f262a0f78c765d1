using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains.Signing;

namespace NemLogin.Grains.Tests.Signing;

/// <summary>
/// A silo's copy of the key directory (fault class "a site that stops answering"): the directory is one grain on one
/// silo, and while that silo hangs until it is declared dead a read of the grain waits the whole response timeout. Through
/// the copy a key listing waits a bounded time and then takes the last copy, a signature forwarded to another site does
/// not wait at all, a burst of callers makes one read, and a failed read keeps the copy.
/// </summary>
public sealed class SigningKeyDirectoryViewTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly List<TaskCompletionSource<ImmutableArray<SiteSigningKeys>>> _reads = [];

    [Fact]
    public async Task DirectoryAnswers_ListingShowsWhatItReadNow()
    {
        var view = await ViewWithCopyAsync("DC1");
        _time.Advance(SigningKeyDirectoryView.FreshFor);

        var listing = view.GetAsync();
        await WaitForReadsAsync(2);
        _reads[1].SetResult(Sites("DC1", "DC2"));

        Assert.Equal(["DC1", "DC2"], (await listing).Select(s => s.Site));
    }

    [Fact]
    public async Task DirectoryHangs_ListingTakesTheCopyAfterTheReadWait_ForwardingAtOnce_OneReadOutstanding()
    {
        var view = await ViewWithCopyAsync("DC1", "DC2");
        _time.Advance(SigningKeyDirectoryView.FreshFor);

        // The directory's silo stops answering: its read is never answered.
        var listings = Enumerable.Range(0, 5).Select(_ => view.GetAsync()).ToList();
        var forwarding = await view.GetAsync(wait: false);
        Assert.Equal(["DC1", "DC2"], forwarding.Select(s => s.Site));
        Assert.All(listings, listing => Assert.False(listing.IsCompleted));
        // The read starts on the thread pool: wait until it has asked the directory.
        await WaitForReadsAsync(2);

        _time.Advance(SigningKeyDirectoryView.ReadWait);

        foreach (var listing in listings)
        {
            Assert.Equal(["DC1", "DC2"], (await listing).Select(s => s.Site));
        }

        // One read for all six callers.
        lock (_reads)
        {
            Assert.Equal(2, _reads.Count);
        }
    }

    [Fact]
    public async Task FreshCopy_ServedWithoutARead()
    {
        var view = await ViewWithCopyAsync("DC1");

        await view.GetAsync();
        await view.GetAsync(wait: false);

        Assert.Single(_reads);
    }

    [Fact]
    public async Task ReadFails_CopyKeptAndTheNextReadTriesAgain()
    {
        var view = await ViewWithCopyAsync("DC1", "DC2");
        _time.Advance(SigningKeyDirectoryView.FreshFor);

        var listing = view.GetAsync();
        await WaitForReadsAsync(2);
        _reads[1].SetException(new TimeoutException("Response did not arrive on time"));

        Assert.Equal(["DC1", "DC2"], (await listing).Select(s => s.Site));
        var next = view.GetAsync();
        await WaitForReadsAsync(3);
        _reads[2].SetResult(Sites("DC2"));
        Assert.Equal(["DC2"], (await next).Select(s => s.Site));
    }

    [Fact]
    public async Task NoCopy_DirectoryHangs_RefusedAsHsmUnavailableAfterTheFirstReadTimeout()
    {
        var view = View();
        var read = view.GetAsync(wait: false);
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

    private async Task<SigningKeyDirectoryView> ViewWithCopyAsync(params string[] sites)
    {
        var view = View();
        var first = view.GetAsync();
        await WaitForReadsAsync(1);
        _reads[0].SetResult(Sites(sites));
        await first;
        return view;
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
        _time,
        NullLogger<SigningKeyDirectoryView>.Instance);

    private async Task WaitForReadsAsync(int count)
    {
        for (var i = 0; i < 200; i++)
        {
            lock (_reads)
            {
                if (_reads.Count >= count)
                {
                    return;
                }
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Not {count} reads of the directory within 5 s.");
    }

    private static ImmutableArray<SiteSigningKeys> Sites(params string[] sites) =>
        [.. sites.Select(site => new SiteSigningKeys(site, [new SigningKeyInfo("key-" + site, KeyPurpose.SamlSigning, [], true, "Pkcs11")], DateTimeOffset.UnixEpoch))];
}
