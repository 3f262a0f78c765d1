using NemLogin.Grains.Errors;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// Broker keys inside a PKCS#11 token. Keys never leave it: the silo holds handles and certificates only, and every
/// signature and every key decryption is made by the token through <see cref="HsmSessionPool"/>. The key list (labels per purpose and rollover
/// role) is re-read every <see cref="Pkcs11SigningOptions.KeyRefreshInterval"/>, which is how a promotion made with
/// <c>keys promote</c> reaches every silo without a restart.
/// </summary>
public sealed class Pkcs11SigningKeyStore : ISigningKeyStore, IDisposable
{
    private readonly Pkcs11SigningOptions _options;
    private readonly TimeProvider _time;
    private readonly SigningMetrics _metrics;
    private readonly ILogger<Pkcs11SigningKeyStore> _logger;
    private readonly Lock _gate = new();
    private Pkcs11KeySnapshot? _snapshot;
    private long _loadedAt;
    private bool _stale;
    private Task<Pkcs11KeySnapshot>? _loading;
    private string _lastSummary = string.Empty;

    public Pkcs11SigningKeyStore(
        IHsmSessionFactory sessions, IOptions<Pkcs11SigningOptions> options, TimeProvider time, SigningMetrics metrics, ILogger<Pkcs11SigningKeyStore> logger)
    {
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        Pool = new HsmSessionPool(sessions, _options, time, metrics, logger);
    }

    public string Provider => Pkcs11SigningOptions.ProviderName;

    /// <summary>The session pool (health, queue length, sessions open).</summary>
    public HsmSessionPool Pool { get; }

    public Task<SignatureResult> SignAsync(KeyPurpose purpose, string? keyId, SigningAlgorithm algorithm, byte[] data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        KeyStoreRefusals.RequireSigningPurpose(purpose);
        var started = _time.GetTimestamp();
        return WithSnapshotAsync(async snapshot =>
        {
            var key = keyId is null
                ? snapshot.Current(purpose) ?? throw new GrainRuleException(
                    BrokerErrors.Name(BrokerError.SigningNoCurrentKey), $"The token '{_options.TokenLabel}' has no current {Pkcs11KeyLabels.PurposeName(purpose)} key with a certificate.")
                : snapshot.Signing(purpose, keyId) ?? throw new GrainRuleException(
                    BrokerErrors.Name(BrokerError.SigningKeyUnknown), $"Key {keyId} does not sign for {Pkcs11KeyLabels.PurposeName(purpose)} (not current, not in its overlap window).");
            var signature = await Pool.RunAsync(context => Pkcs11Signatures.Sign(context, key, algorithm, data));
            _metrics.Signed(Provider, purpose, algorithm, _time.GetElapsedTime(started));
            return new SignatureResult(key.KeyId, signature);
        });
    }

    public Task<DecryptedKey> DecryptKeyAsync(KeyPurpose purpose, string? keyId, KeyTransportMethod method, byte[] encryptedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encryptedKey);
        KeyStoreRefusals.RequireDecryptionPurpose(purpose);
        var oaep = KeyTransportMethods.Resolve(method);
        KeyStoreRefusals.RequireEncryptedKeyLength(encryptedKey);
        var started = _time.GetTimestamp();
        return WithSnapshotAsync(async snapshot =>
        {
            var keys = snapshot.Decrypting(purpose, keyId);
            if (keys.Count == 0)
            {
                throw KeyStoreRefusals.NoDecryptionKey(purpose, keyId, $"the token '{_options.TokenLabel}'");
            }

            foreach (var key in keys)
            {
                if (await Pool.RunAsync(context => Pkcs11Decryption.Decrypt(context, key, oaep, encryptedKey)) is { } decrypted)
                {
                    _metrics.Decrypted(Provider, purpose, _time.GetElapsedTime(started));
                    return new DecryptedKey(key.KeyId, decrypted);
                }
            }

            var failed = KeyStoreRefusals.DecryptionFailed();
            _metrics.Error(failed.Code);
            throw failed;
        });
    }

    public async Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(forceRefresh: false);
        return [.. snapshot.Published(purpose).Select(k => new SigningKeyInfo(k.KeyId, purpose, k.Certificate.RawData, k.Role == KeyRole.Current, Provider))];
    }

    /// <summary>
    /// Proves module, token, PIN and key before the silo takes calls, so a bad set-up fails the start, not a login. A
    /// silo runs it in its lifecycle (NemLogin.Grains' signing registration); the library knows no silo.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.HsmPoolStarting(_logger, _options.Sessions, _options.TokenLabel, _options.LibraryPath);
        Pkcs11KeySnapshot snapshot;
        try
        {
            snapshot = await SnapshotAsync(forceRefresh: true);
        }
        catch (GrainRuleException ex)
        {
            throw new InvalidOperationException(
                $"The HSM token '{_options.TokenLabel}' could not be used: {ex.Message} Check Signing:Pkcs11 (library, token label, PIN) and the token.", ex);
        }

        if (snapshot.Current(KeyPurpose.SamlSigning) is null)
        {
            throw new InvalidOperationException(
                $"The HSM token '{_options.TokenLabel}' has no current saml-signing key with a certificate. Create one: " +
                "dotnet run --project silos/NemLogin.Silo -- keys generate --purpose saml-signing");
        }
    }

    public void Dispose() => Pool.Dispose();

    /// <summary>Runs an HSM operation on the current key list; a key handle gone stale re-reads the list and runs once more.</summary>
    private async Task<T> WithSnapshotAsync<T>(Func<Pkcs11KeySnapshot, Task<T>> operation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = await SnapshotAsync(forceRefresh: attempt > 0);
            try
            {
                return await operation(snapshot);
            }
            catch (HsmKeyGoneException ex) when (attempt > 0)
            {
                throw new GrainRuleException(BrokerErrors.Name(BrokerError.SigningKeyUnknown), ex.Message);
            }
            catch (HsmKeyGoneException)
            {
                // Retried once with a fresh key list.
            }
        }
    }

    private async Task<Pkcs11KeySnapshot> SnapshotAsync(bool forceRefresh)
    {
        TaskCompletionSource<Pkcs11KeySnapshot>? load = null;
        Task<Pkcs11KeySnapshot> loading;
        Pkcs11KeySnapshot? last;
        lock (_gate)
        {
            last = _snapshot;
            if (!forceRefresh && last is not null && !_stale && _time.GetElapsedTime(_loadedAt) < _options.KeyRefreshInterval)
            {
                return last;
            }

            if (_loading is null)
            {
                load = new TaskCompletionSource<Pkcs11KeySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loading = load.Task;
            }

            loading = _loading;
        }

        if (load is not null)
        {
            await LoadAsync(load);
        }

        try
        {
            return await loading;
        }
        catch (GrainRuleException) when (last is not null && !forceRefresh)
        {
            // The HSM is unavailable or busy: keep publishing the last key list; signing itself fails fast on its own.
            return last;
        }
    }

    private async Task LoadAsync(TaskCompletionSource<Pkcs11KeySnapshot> load)
    {
        try
        {
            var result = await Pool.RunAsync(Pkcs11KeyCatalogue.Load);
            lock (_gate)
            {
                _snapshot = result.Snapshot;
                _loadedAt = _time.GetTimestamp();
                _stale = false;
                _loading = null;
            }

            Report(result);
            load.SetResult(result.Snapshot);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _stale = true;
                _loading = null;
            }

            load.SetException(ex);
        }
    }

    private void Report(Pkcs11KeyCatalogueResult result)
    {
        var summary = string.Join("; ", Enum.GetValues<KeyPurpose>().Select(p =>
            $"{Pkcs11KeyLabels.PurposeName(p)}: {string.Join(", ", result.Snapshot.Published(p).Select(k => $"{k.Role.ToString().ToLowerInvariant()} {k.KeyId}"))}"))
            + string.Concat(result.Problems.Select(p => "; " + p));
        lock (_gate)
        {
            if (summary == _lastSummary)
            {
                return;
            }

            _lastSummary = summary;
        }

        Log.HsmKeysLoaded(_logger, _options.TokenLabel, summary);
        foreach (var problem in result.Problems)
        {
            Log.HsmKeyProblem(_logger, problem);
        }
    }
}
