using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Signing;

/// <summary>
/// This silo's copy of <see cref="ISigningKeyDirectoryGrain"/>, which is one grain on one silo. When that silo stops
/// answering (a partition, a hung process), a read of the grain waits the whole response timeout until the silo is
/// declared dead, and every login that needed it with it. Through the copy, a read waits at most
/// <see cref="ReadWait"/> and then takes the last copy; forwarding a signature to another site does not wait at all. A
/// copy younger than <see cref="FreshFor"/> is served without a read, so a burst of callers makes one read; only a silo
/// that has never read the directory refuses (as <c>signing.hsm-unavailable</c>) after <see cref="FirstReadTimeout"/>.
/// </summary>
public sealed class SigningKeyDirectoryView
{
    /// <summary>How long a silo without a copy waits for the directory before the caller is refused as unavailable.</summary>
    public static readonly TimeSpan FirstReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a read waits for the directory before it takes the last copy.</summary>
    public static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(2);

    /// <summary>A copy this young is served without reading the directory.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    private readonly Func<Task<ImmutableArray<SiteSigningKeys>>> _read;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyDirectoryView> _logger;
    private readonly Lock _gate = new();
    private Copy? _copy;
    private Task<ImmutableArray<SiteSigningKeys>>? _refresh;

    public SigningKeyDirectoryView(IGrainFactory grains, TimeProvider time, ILogger<SigningKeyDirectoryView> logger)
        : this(() => grains.Reference<ISigningKeyDirectoryGrain>(0).GetAsync(), time, logger)
    {
    }

    /// <summary>With <paramref name="read"/> standing for the directory grain's answer (tests hold it back).</summary>
    internal SigningKeyDirectoryView(
        Func<Task<ImmutableArray<SiteSigningKeys>>> read, TimeProvider time, ILogger<SigningKeyDirectoryView> logger)
    {
        _read = read;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Every site's published keys, as the directory answers within <see cref="ReadWait"/> (or the last copy); with
    /// <paramref name="wait"/> false, the copy at once while a read refreshes it in the background.
    /// </summary>
    public async Task<ImmutableArray<SiteSigningKeys>> GetAsync(bool wait = true)
    {
        var copy = _copy;
        if (copy is not null && _time.GetUtcNow() - copy.ReadAt < FreshFor)
        {
            return copy.Sites;
        }

        var read = RefreshAsync();
        if (copy is null)
        {
            try
            {
                return await read.WaitAsync(FirstReadTimeout, _time);
            }
            catch (TimeoutException)
            {
                throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningHsmUnavailable),
                    "The signing key directory did not answer; other sites' keys are unknown here for now.");
            }
        }

        if (wait)
        {
            try
            {
                return await read.WaitAsync(ReadWait, _time);
            }
            catch (Exception)
            {
                // Slow or failed (logged where it failed): the last copy.
                return copy.Sites;
            }
        }

        return copy.Sites;
    }

    /// <summary>Takes what a silo just published (or read), so its own site's entry is current without a round trip.</summary>
    public void Accept(ImmutableArray<SiteSigningKeys> sites)
    {
        lock (_gate)
        {
            _copy = new Copy(sites, _time.GetUtcNow());
        }
    }

    /// <summary>One read at a time; a failed read keeps the copy and is logged, the next stale read tries again.</summary>
    private Task<ImmutableArray<SiteSigningKeys>> RefreshAsync()
    {
        lock (_gate)
        {
            if (_refresh is null)
            {
                _refresh = ReadAsync();
                // Logged where it fails; a caller that stopped waiting leaves the failure observed here.
                _ = _refresh.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            }

            return _refresh;
        }

        // On the thread pool, not in the calling grain's turn: the read may outlive that activation.
        Task<ImmutableArray<SiteSigningKeys>> ReadAsync() => Task.Run(async () =>
        {
            try
            {
                var sites = await _read();
                Accept(sites);
                return sites;
            }
            catch (Exception ex)
            {
                Log.SigningKeyDirectoryNotRead(_logger, ex);
                throw;
            }
            finally
            {
                lock (_gate)
                {
                    _refresh = null;
                }
            }
        });
    }

    private sealed record Copy(ImmutableArray<SiteSigningKeys> Sites, DateTimeOffset ReadAt);
}
