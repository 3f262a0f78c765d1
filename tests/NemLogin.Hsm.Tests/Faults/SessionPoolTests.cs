using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NemLogin.Grains.Errors;
using Microsoft.Extensions.Time.Testing;
using NemLogin.Grains;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Faults;

/// <summary>
/// The pool bounds what reaches the HSM and what waits for it: concurrency at the HSM never exceeds the session count,
/// a slow HSM fills the bounded queue and then sheds (503 at the gateway), nothing blocks the caller's thread.
/// </summary>
public sealed class SessionPoolTests : IDisposable
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HsmStore _hsm;

    public SessionPoolTests()
    {
        var token = SoftHsm.NewToken("pool");
        token.Sessions = 3;
        token.MaxQueueLength = 7;
        token.MaxQueueWait = TimeSpan.FromSeconds(5);
        token.KeyRefreshInterval = TimeSpan.FromHours(1);
        _hsm = new HsmStore(token, _time);
        _hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
    }

    [Fact]
    public async Task SlowHsm_SessionsBusyAndQueueFull_ShedsWithOverloadedThenServesTheRest()
    {
        await SignAsync();
        var hold = HoldTheHsm();
        try
        {
            var inside = Enumerable.Range(0, 3).Select(_ => SignAsync()).ToList();
            await WaitForEntriesAsync(3);
            var queued = Enumerable.Range(0, 7).Select(_ => SignAsync()).ToList();
            var calls = _hsm.Sessions.SignCalls;

            var shed = await Assert.ThrowsAsync<GrainRuleException>(SignAsync);

            Assert.Equal(BrokerErrors.Name(BrokerError.SigningOverloaded), shed.Code);
            Assert.Equal(7, _hsm.Store.Pool.QueueLength);
            Assert.Equal(3, calls);
            Assert.All(inside.Concat(queued), call => Assert.False(call.IsCompleted));

            hold.Set();
            var results = await Task.WhenAll(inside.Concat(queued));

            Assert.Equal(10, results.Count(r => r.Signature.Length > 0));
            Assert.Equal(3, _hsm.Sessions.MaxInFlight);
            Assert.Equal(0, _hsm.Store.Pool.QueueLength);
        }
        finally
        {
            hold.Set();
        }
    }

    [Fact]
    public async Task SlowHsm_QueueFullOfSignatures_KeyDecryptionShedsTooAsTransient()
    {
        // Decryptions share the sessions and the bounded queue: a full pool sheds them like signatures (503, retry).
        _hsm.Keys().Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        var certificate = X509CertificateLoader.LoadCertificate(
            Assert.Single(await _hsm.Store.GetKeysAsync(KeyPurpose.SamlEncryption, TestContext.Current.CancellationToken)).CertificateDer);
        using var rsa = certificate.GetRSAPublicKey()!;
        var encryptedKey = rsa.Encrypt(new byte[32], RSAEncryptionPadding.OaepSHA1);
        await SignAsync();
        var hold = HoldTheHsm();
        try
        {
            var inside = Enumerable.Range(0, 3).Select(_ => SignAsync()).ToList();
            await WaitForEntriesAsync(3);
            var queued = Enumerable.Range(0, 7).Select(_ => SignAsync()).ToList();

            var shed = await Assert.ThrowsAsync<GrainRuleException>(() => _hsm.Store.DecryptKeyAsync(
                KeyPurpose.SamlEncryption, null, new KeyTransportMethod(KeyTransportMethods.RsaOaepMgf1p, null, null), encryptedKey, TestContext.Current.CancellationToken));

            Assert.Equal(BrokerErrors.Name(BrokerError.SigningOverloaded), shed.Code);
            Assert.True(BrokerErrors.IsTransientSigning(shed.Code));
            Assert.Equal(0, _hsm.Sessions.DecryptCalls);
            hold.Set();
            await Task.WhenAll(inside.Concat(queued));
        }
        finally
        {
            hold.Set();
        }
    }

    [Fact]
    public async Task ManyConcurrentCalls_NeverMoreThanTheSessionCountInsideTheHsm()
    {
        _hsm.Sessions.Delay = TimeSpan.FromMilliseconds(2);

        var results = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => Task.Run(SignAsync, TestContext.Current.CancellationToken)));
        var more = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => Task.Run(SignAsync, TestContext.Current.CancellationToken)));

        Assert.InRange(_hsm.Sessions.MaxInFlight, 1, 3);
        Assert.InRange(_hsm.Store.Pool.SessionsOpen, 1, 3);
        Assert.Equal(14, results.Concat(more).Count(r => r.Signature.Length > 0));
    }

    [Fact]
    public async Task WaitedLongerThanMaxQueueWait_RefusedOverloadedAndNeverSigned()
    {
        await SignAsync();
        var hold = HoldTheHsm();
        try
        {
            var inside = Enumerable.Range(0, 3).Select(_ => SignAsync()).ToList();
            await WaitForEntriesAsync(3);
            var late = SignAsync();

            _time.Advance(TimeSpan.FromSeconds(6));
            hold.Set();

            await Task.WhenAll(inside);
            var refused = await Assert.ThrowsAsync<GrainRuleException>(() => late);
            Assert.Equal(BrokerErrors.Name(BrokerError.SigningOverloaded), refused.Code);
            Assert.Equal(3, _hsm.Sessions.SignCalls);
        }
        finally
        {
            hold.Set();
        }
    }

    public void Dispose()
    {
        _hsm.Sessions.Hold?.Set();
        _hsm.Dispose();
    }

    /// <summary>From now on every sign call waits inside the seam until the returned event is set; counting restarts.</summary>
    private ManualResetEventSlim HoldTheHsm()
    {
        var hold = new ManualResetEventSlim(false);
        _hsm.Sessions.ForgetEntries();
        _hsm.Sessions.ResetCounts();
        _hsm.Sessions.Hold = hold;
        return hold;
    }

    private Task<SignatureResult> SignAsync() =>
        _hsm.Store.SignAsync(KeyPurpose.SamlSigning, null, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken);

    private async Task WaitForEntriesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _hsm.Sessions.Entered.WaitAsync(TestContext.Current.CancellationToken);
        }
    }
}
