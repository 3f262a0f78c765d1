using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Cluster.Tests.Infrastructure;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Replay;
using NemLogin.Grains.ServiceProviders;
using NemLogin.Grains.Sessions;

namespace NemLogin.Cluster.Tests.Workload;

/// <summary>
/// A steady stream of every acknowledged write, through both data centres at once: one grain-write loop per data
/// centre's client (SP registrations and their disabling or deletion, one-time IDs including concurrent duels across
/// data centres, sessions and their ends, identities, audit records) and, unless <paramref name="logins"/> is false (a
/// cluster without gateways), one SAML login loop per gateway.
/// </summary>
internal sealed class WriteStream(ClusterUnderTest cluster, Ledger ledger, ChannelHealth health, bool logins = true)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan LoginPace = TimeSpan.FromMilliseconds(250);
    private static readonly byte[] Certificate = CreateCertificate();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public void Start()
    {
        foreach (var dc in new[] { "DC1", "DC2" })
        {
            _loops.Add(Task.Run(() => GrainLoopAsync(dc)));
            if (logins)
            {
                _loops.Add(Task.Run(() => LoginLoopAsync(dc)));
            }
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    private async Task GrainLoopAsync(string dc)
    {
        var step = 0;
        while (!_stop.IsCancellationRequested)
        {
            var grains = cluster.Client(dc).Grains;
            var round = step / 6;
            var operation = (step++ % 6) switch
            {
                0 => ServiceProviderAsync(grains, dc, round),
                1 => OneTimeIdAsync(grains, dc),
                2 => SessionAsync(grains, dc, round),
                3 => IdentityAsync(grains, dc, round),
                4 => AuditAsync(grains, dc),
                _ => round % 2 == 0 ? DuelAsync() : OneTimeIdAsync(grains, dc),
            };
            await operation;
            await Pause(Pace);
        }
    }

    private async Task LoginLoopAsync(string dc)
    {
        while (!_stop.IsCancellationRequested)
        {
            using var browser = new LoginBrowser();
            await RecordAsync(WriteKind.Login, "login", "gateway-" + dc, async () =>
            {
                var (url, _) = await cluster.Sp.LoginUrlAsync(cluster.Gateway(dc).BaseUrl, CancellationToken.None);
                var result = await browser.LoginAsync(url, "alice", CancellationToken.None);
                if (!result.Success || browser.SessionId is null)
                {
                    throw new InvalidOperationException("login refused: " + result.Detail);
                }

                ledger.Logins.Enqueue(browser.SessionId);
            });
            await Pause(LoginPace);
        }
    }

    private async Task ServiceProviderAsync(IGrainFactory grains, string dc, int round)
    {
        var entityId = $"https://sp-{Guid.NewGuid():N}.cluster.test";
        var grain = grains.GetGrain<IServiceProviderGrain>(entityId);
        var registered = await RecordAsync(WriteKind.ServiceProviderRegistration, entityId, dc, async () =>
        {
            var stored = await grain.RegisterAsync(Registration(entityId));
            ledger.ServiceProviders[entityId] = new ServiceProviderFate(stored.Version, Fate.NotTried, Fate.NotTried);
        });
        if (!registered || round % 3 == 0)
        {
            return;
        }

        // Some registrations are taken back again: these must stay taken back after every fault.
        var delete = round % 3 == 1;
        var acknowledged = await RecordAsync(delete ? WriteKind.ServiceProviderDelete : WriteKind.ServiceProviderDisable, entityId, dc, async () =>
        {
            if (delete)
            {
                await grain.DeleteAsync();
            }
            else
            {
                await grain.SetEnabledAsync(false);
            }
        });
        var fate = acknowledged ? Fate.Acknowledged : Fate.Unknown;
        ledger.ServiceProviders[entityId] = delete ? ledger.ServiceProviders[entityId] with { Deleted = fate } : ledger.ServiceProviders[entityId] with { Disabled = fate };
    }

    private Task OneTimeIdAsync(IGrainFactory grains, string dc)
    {
        var key = OneTimeIdKey.For("cluster-test", "stream", Guid.NewGuid().ToString("N"));
        return RecordAsync(WriteKind.OneTimeId, key, dc, async () =>
        {
            if (!await grains.GetGrain<IOneTimeIdGrain>(key).TryUseAsync(DateTimeOffset.UtcNow.AddHours(1)))
            {
                throw new InvalidOperationException("a fresh one-time ID was refused as already used");
            }

            ledger.CountFirstUse(key);
            ledger.OneTimeIds[key] = true;
        });
    }

    /// <summary>The same new ID redeemed through both data centres at once: at most one may be told "first use".</summary>
    private async Task DuelAsync()
    {
        var key = OneTimeIdKey.For("cluster-test", "duel", Guid.NewGuid().ToString("N"));
        var keepUntil = DateTimeOffset.UtcNow.AddHours(1);
        var start = DateTimeOffset.UtcNow;
        var attempts = new[] { "DC1", "DC2" }.Select(async dc =>
        {
            try
            {
                return (dc, Used: await cluster.Client(dc).Grains.GetGrain<IOneTimeIdGrain>(key).TryUseAsync(keepUntil), Error: (string?)null);
            }
            catch (Exception ex)
            {
                return (dc, Used: false, Error: ex.GetType().Name + ": " + ex.Message);
            }
        }).ToArray();
        foreach (var (dc, used, error) in await Task.WhenAll(attempts))
        {
            var end = DateTimeOffset.UtcNow;
            health.Observe(dc, error is null, end);
            ledger.Record(new Attempt(WriteKind.OneTimeIdDuel, key, dc, start, end, used, error));
            if (used)
            {
                ledger.CountFirstUse(key);
                ledger.OneTimeIds[key] = true;
            }
        }
    }

    private async Task SessionAsync(IGrainFactory grains, string dc, int round)
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var identity = Guid.NewGuid();
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var authnInstant = DateTimeOffset.UtcNow;
        var created = await RecordAsync(WriteKind.Session, sessionId, dc, async () =>
        {
            await grain.StartAsync(new SessionAuthentication(identity, LevelOfAssurance.Substantial, authnInstant, "https://mitid.cluster.test"), null);
            ledger.Sessions[sessionId] = new SessionFate(identity, Fate.NotTried);
        });
        if (created && round % 4 == 0)
        {
            var ended = await RecordAsync(WriteKind.SessionEnd, sessionId, dc, () => grain.EndAsync());
            ledger.Sessions[sessionId] = ledger.Sessions[sessionId] with { Ended = ended ? Fate.Acknowledged : Fate.Unknown };
        }
    }

    private Task IdentityAsync(IGrainFactory grains, string dc, int round)
    {
        var id = Guid.NewGuid();
        var familyName = "Tester" + round;
        return RecordAsync(WriteKind.Identity, id.ToString(), dc, async () =>
        {
            await grains.GetGrain<IIdentityGrain>(id).UpdateFromUpstreamAsync(new PersonAttributes("Cluster", familyName, new DateOnly(1980, 1, 1), null, null));
            ledger.Identities[id] = familyName;
        });
    }

    private Task AuditAsync(IGrainFactory grains, string dc)
    {
        var record = new AuditRecord
        {
            Id = Guid.NewGuid(),
            Time = DateTimeOffset.UtcNow,
            Category = AuditCategory.Administration,
            Action = "cluster-test.write",
            Outcome = AuditOutcome.Success,
            CorrelationId = Guid.NewGuid().ToString("N"),
        };
        var shard = Random.Shared.Next(AuditBucketKey.Shards);
        return RecordAsync(WriteKind.Audit, record.Id.ToString(), dc, async () =>
        {
            await grains.GetGrain<IAuditBucketGrain>(AuditBucketKey.For(record.Time, shard)).AppendAsync([record]);
            ledger.AuditRecords[record.Id] = (record.Time, shard, record.CorrelationId!);
        });
    }

    private async Task<bool> RecordAsync(WriteKind kind, string key, string via, Func<Task> write)
    {
        var start = DateTimeOffset.UtcNow;
        string? error = null;
        try
        {
            await write();
        }
        catch (Exception ex)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        var end = DateTimeOffset.UtcNow;
        health.Observe(via, error is null, end);
        ledger.Record(new Attempt(kind, key, via, start, end, error is null, error));
        return error is null;
    }

    private async Task Pause(TimeSpan pause)
    {
        try
        {
            await Task.Delay(pause, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>A minimal SAML registration of <paramref name="entityId"/> (one certificate, one ACS), as the stream writes them.</summary>
    internal static ServiceProviderRegistration Registration(string entityId) => new()
    {
        EntityId = entityId,
        SigningCertificates = [Certificate],
        EncryptionCertificates = [Certificate],
        AssertionConsumerServices = [new SamlEndpoint("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", entityId + "/acs", 0, true)],
        AllowedAttributes = ImmutableArray<string>.Empty,
    };

    private static byte[] CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=cluster stream sp", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        return certificate.RawData;
    }
}
