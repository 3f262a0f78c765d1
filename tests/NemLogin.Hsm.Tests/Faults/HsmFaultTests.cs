using NemLogin.Grains.Errors;
using Microsoft.Extensions.Time.Testing;
using Net.Pkcs11Interop.Common;
using NemLogin.Grains;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Faults;

/// <summary>
/// HSM faults (docs/security.md): a lost session is re-opened; a device error fails fast, keeps failing fast while the pool
/// waits, and recovers without a restart; never a signature that did not come from the HSM.
/// </summary>
public sealed class HsmFaultTests : IDisposable
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HsmStore _hsm;

    public HsmFaultTests()
    {
        var token = SoftHsm.NewToken("faults");
        token.KeyRefreshInterval = TimeSpan.FromHours(1);
        token.RecoveryInterval = TimeSpan.FromSeconds(5);
        _hsm = new HsmStore(token, _time);
        _hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
    }

    [Fact]
    public async Task SessionHandleInvalid_SessionReopenedAndTheCallSigns()
    {
        // Every worker has opened its session first, so the only session opened afterwards is the re-opened one (with
        // two workers, the faulted call may land on the one that had not signed yet).
        await OpenEverySessionAsync();
        var opened = _hsm.Sessions.Opened;
        _hsm.Sessions.FailNextSigns(CKR.CKR_SESSION_HANDLE_INVALID);

        var result = await SignAsync();

        Assert.True(await VerifiesAsync(result));
        Assert.Equal(opened + 1, _hsm.Sessions.Opened);
        Assert.Null(_hsm.Store.Pool.Fault);
    }

    [Fact]
    public async Task SessionsClosedInsideTheToken_ReopenedWithLoginAndTheCallSigns()
    {
        await SignAsync();
        var opened = _hsm.Sessions.Opened;

        // A real loss: every session of this application on the token is closed, which also logs the user out.
        using (var lease = Pkcs11Module.Acquire(_hsm.Options.LibraryPath))
        {
            lease.Module.FindSlot(_hsm.Options.TokenLabel).CloseAllSessions();
        }

        var result = await SignAsync();

        Assert.True(await VerifiesAsync(result));
        Assert.True(_hsm.Sessions.Opened > opened);
        Assert.Null(_hsm.Store.Pool.Fault);
    }

    [Fact]
    public async Task DeviceError_FailsFastUntilTheRecoveryIntervalThenRecoversWithoutRestart()
    {
        await SignAsync();
        var opened = _hsm.Sessions.Opened;
        _hsm.Sessions.FailNextSigns(CKR.CKR_DEVICE_ERROR);

        var failed = await Assert.ThrowsAsync<GrainRuleException>(SignAsync);
        var callsAfterFault = _hsm.Sessions.SignCalls;
        var fastFailed = await Assert.ThrowsAsync<GrainRuleException>(SignAsync);

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningHsmUnavailable), failed.Code);
        Assert.Contains("CKR_DEVICE_ERROR", failed.Message, StringComparison.Ordinal);
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningHsmUnavailable), fastFailed.Code);
        Assert.Equal(callsAfterFault, _hsm.Sessions.SignCalls);
        Assert.Equal("CKR_DEVICE_ERROR", _hsm.Store.Pool.Fault?.ReturnCode);

        _time.Advance(TimeSpan.FromSeconds(5));
        var recovered = await SignAsync();

        Assert.True(await VerifiesAsync(recovered));
        Assert.Null(_hsm.Store.Pool.Fault);
        Assert.True(_hsm.Sessions.Opened > opened, "The sessions were re-opened after the device error.");
    }

    [Fact]
    public async Task DeviceStillFailingAtRecovery_StaysUnavailableUntilItAnswers()
    {
        await SignAsync();
        _hsm.Sessions.FailNextSigns(CKR.CKR_DEVICE_ERROR);
        await Assert.ThrowsAsync<GrainRuleException>(SignAsync);
        _hsm.Sessions.OpenFault = CKR.CKR_DEVICE_REMOVED;

        _time.Advance(TimeSpan.FromSeconds(5));
        var stillDown = await Assert.ThrowsAsync<GrainRuleException>(SignAsync);
        _hsm.Sessions.OpenFault = null;
        _time.Advance(TimeSpan.FromSeconds(5));
        var recovered = await SignAsync();

        Assert.Equal(BrokerErrors.Name(BrokerError.SigningHsmUnavailable), stillDown.Code);
        Assert.True(await VerifiesAsync(recovered));
    }

    [Fact]
    public async Task KeysStillPublished_WhileTheHsmIsDown()
    {
        // Metadata keeps listing the certificates while signing fails fast: an outage is not a key change.
        var before = await _hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken);
        _hsm.Sessions.FailNextSigns(CKR.CKR_DEVICE_ERROR);
        await Assert.ThrowsAsync<GrainRuleException>(SignAsync);

        var during = await _hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken);

        Assert.Equal(before.Select(k => k.KeyId), during.Select(k => k.KeyId));
    }

    public void Dispose()
    {
        _hsm.Dispose();
    }

    /// <summary>Holds the HSM until both workers are inside it with a sign call each, so both sessions are open.</summary>
    private async Task OpenEverySessionAsync()
    {
        using var hold = new ManualResetEventSlim(false);
        _hsm.Sessions.ForgetEntries();
        _hsm.Sessions.Hold = hold;
        var calls = new[] { SignAsync(), SignAsync() };
        for (var i = 0; i < calls.Length; i++)
        {
            await _hsm.Sessions.Entered.WaitAsync(TestContext.Current.CancellationToken);
        }

        _hsm.Sessions.Hold = null;
        hold.Set();
        await Task.WhenAll(calls);
    }

    private Task<SignatureResult> SignAsync() =>
        _hsm.Store.SignAsync(KeyPurpose.SamlSigning, null, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken);

    private async Task<bool> VerifiesAsync(SignatureResult result)
    {
        var key = Assert.Single(await _hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken));
        return key.KeyId == result.KeyId && Signatures.Verify(key.CertificateDer, SigningAlgorithm.RsaPkcs1Sha256, Message, result.Signature);
    }
}
