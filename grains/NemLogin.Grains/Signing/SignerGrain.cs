using System.Collections.Immutable;
using Orleans.Concurrency;

namespace NemLogin.Grains.Signing;

[GrainType("nl.signer")]
[StatelessWorker(MaxLocalWorkers)]
public sealed class SignerGrain(ISigningKeyStore keyStore) : Grain, ISignerGrain
{
    /// <summary>
    /// Activations per silo. Each activation owns its key handles, so this bounds concurrent use of the key store.
    /// The HSM issue replaces this constant with the configured PKCS#11 session count (one session per activation).
    /// </summary>
    public const int MaxLocalWorkers = 4;

    private readonly Dictionary<KeyPurpose, ISigningKey> _keys = [];

    public async Task<SignatureResult> SignAsync(KeyPurpose purpose, SigningAlgorithm algorithm, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var key = await KeyAsync(purpose);
        return new SignatureResult(key.Info.KeyId, key.Sign(algorithm, data));
    }

    public async Task<ImmutableArray<SigningKeyInfo>> GetKeysAsync(KeyPurpose purpose) => [(await KeyAsync(purpose)).Info];

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        _keys.Clear();
        return Task.CompletedTask;
    }

    private async ValueTask<ISigningKey> KeyAsync(KeyPurpose purpose)
    {
        if (!_keys.TryGetValue(purpose, out var key))
        {
            key = await keyStore.OpenCurrentKeyAsync(purpose);
            _keys[purpose] = key;
        }

        return key;
    }
}
