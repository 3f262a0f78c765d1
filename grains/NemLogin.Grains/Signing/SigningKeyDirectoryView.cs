using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Signing;

/// <summary>
/// This silo's copy of <see cref="ISigningKeyDirectoryGrain"/>, which is one grain on one silo. The signer pool reads
/// the copy, so listing keys and forwarding a signature to another site do not wait on that grain: when its silo stops
/// answering (a partition, a hung process) the calls would otherwise wait the whole response timeout until the silo is
/// declared dead, and every login with them. A copy older than <see cref="SigningOptions.KeyPublishInterval"/> is
/// refreshed in the background while it goes on being served; only a silo that has never read the directory waits, and
/// for at most <see cref="FirstReadTimeout"/>. Keys change by rollover, which takes at least one publish interval to
/// reach the directory anyway, so a copy that old shows nothing the directory would not.
/// </summary>
public sealed class SigningKeyDirectoryView
{
    /// <summary>How long a silo without a copy waits for the directory before the caller is refused as unavailable.</summary>
    public static readonly TimeSpan FirstReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<Task<ImmutableArray<SiteSigningKeys>>> _read;
    private readonly IOptions<SigningOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyDirectoryView> _logger;
    private readonly Lock _gate = new();
    private Copy? _copy;
    private Task<ImmutableArray<SiteSigningKeys>>? _refresh;

    public SigningKeyDirectoryView(IGrainFactory grains, IOptions<SigningOptions> options, TimeProvider time, ILogger<SigningKeyDirectoryView> logger)
        : this(() => grains.GetGrain<ISigningKeyDirectoryGrain>(0).GetAsync(), options, time, logger)
    {
    }

    /// <summary>With <paramref name="read"/> standing for the directory grain's answer (tests hold it back).</summary>
    internal SigningKeyDirectoryView(
        Func<Task<ImmutableArray<SiteSigningKeys>>> read, IOptions<SigningOptions> options, TimeProvider time, ILogger<SigningKeyDirectoryView> logger)
    {
        _read = read;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Every site's published keys: the copy (refreshed in the background once stale), or a first read.</summary>
    public async Task<ImmutableArray<SiteSigningKeys>> GetAsync()
    {
        var copy = _copy;
        if (copy is not null)
        {
            if (_time.GetUtcNow() - copy.ReadAt >= _options.Value.KeyPublishInterval)
            {
                // Logged where it fails; the copy goes on being served.
                _ = RefreshAsync().ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            }

            return copy.Sites;
        }

        try
        {
            return await RefreshAsync().WaitAsync(FirstReadTimeout, _time);
        }
        catch (TimeoutException)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningHsmUnavailable),
                "The signing key directory did not answer; other sites' keys are unknown here for now.");
        }
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
            return _refresh ??= ReadAsync();
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
