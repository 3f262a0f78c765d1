using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Support;

/// <summary>
/// Wraps the real PKCS#11 session seam (SoftHSM2 underneath) and can be told to fail the next calls with a CKR code,
/// to refuse to open sessions, or to hold signing calls until released (a slow HSM). It counts what reaches the HSM:
/// sign and decrypt calls, and how many of either were inside it at once.
/// </summary>
public sealed class FaultInjectingSessionFactory(IHsmSessionFactory inner) : IHsmSessionFactory
{
    private readonly ConcurrentQueue<CKR> _signFaults = new();
    private readonly ConcurrentQueue<CKR> _decryptFaults = new();
    private int _opened;
    private int _signCalls;
    private int _decryptCalls;
    private int _inFlight;
    private int _maxInFlight;

    public Pkcs11InteropFactories Factories => inner.Factories;

    /// <summary>Sessions opened so far.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>Sign calls that reached the HSM (including failed ones).</summary>
    public int SignCalls => Volatile.Read(ref _signCalls);

    /// <summary>Decrypt calls that reached the HSM (including failed ones).</summary>
    public int DecryptCalls => Volatile.Read(ref _decryptCalls);

    /// <summary>The most sign and decrypt calls that were inside the HSM at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>While set, opening a session fails with this code.</summary>
    public CKR? OpenFault { get; set; }

    /// <summary>While set, every sign or decrypt call waits here before reaching the HSM.</summary>
    public ManualResetEventSlim? Hold { get; set; }

    /// <summary>Released once for each sign or decrypt call that is inside (or held before) the HSM.</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    /// <summary>Time each sign or decrypt call spends in the HSM on top of the real operation.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Starts counting sign calls and concurrency afresh.</summary>
    public void ResetCounts()
    {
        Volatile.Write(ref _signCalls, 0);
        Volatile.Write(ref _decryptCalls, 0);
        Volatile.Write(ref _maxInFlight, 0);
    }

    /// <summary>Forgets the entries counted so far, so a test can wait for the ones it causes.</summary>
    public void ForgetEntries()
    {
        while (Entered.Wait(0))
        {
        }
    }

    public void FailNextSigns(CKR code, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _signFaults.Enqueue(code);
        }
    }

    /// <summary>The next decrypt calls fail with <paramref name="code"/> from C_Decrypt (after a real C_DecryptInit would have passed).</summary>
    public void FailNextDecrypts(CKR code, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _decryptFaults.Enqueue(code);
        }
    }

    public IHsmSession Open()
    {
        Interlocked.Increment(ref _opened);
        return OpenFault is { } code ? throw new Pkcs11Exception("C_OpenSession", code) : new Session(inner.Open(), this);
    }

    private byte[] Sign(IHsmSession session, IMechanism mechanism, IObjectHandle key, byte[] data)
    {
        Interlocked.Increment(ref _signCalls);
        return InHsm(_signFaults, "C_Sign", () => session.Sign(mechanism, key, data));
    }

    private byte[] Decrypt(IHsmSession session, IMechanism mechanism, IObjectHandle key, byte[] data)
    {
        Interlocked.Increment(ref _decryptCalls);
        return InHsm(_decryptFaults, "C_Decrypt", () => session.Decrypt(mechanism, key, data));
    }

    private byte[] InHsm(ConcurrentQueue<CKR> faults, string method, Func<byte[]> call)
    {
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            Entered.Release();
            Hold?.Wait(TestContext.Current.CancellationToken);
            if (faults.TryDequeue(out var code))
            {
                throw new Pkcs11Exception(method, code);
            }

            if (Delay > TimeSpan.Zero)
            {
                Thread.Sleep(Delay);
            }

            return call();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class Session(IHsmSession real, FaultInjectingSessionFactory owner) : IHsmSession
    {
        public byte[] Sign(IMechanism mechanism, IObjectHandle privateKey, byte[] data) => owner.Sign(real, mechanism, privateKey, data);

        public byte[] Decrypt(IMechanism mechanism, IObjectHandle privateKey, byte[] data) => owner.Decrypt(real, mechanism, privateKey, data);

        public List<IObjectHandle> FindObjects(List<IObjectAttribute> template) => real.FindObjects(template);

        public List<IObjectAttribute> GetAttributes(IObjectHandle handle, List<CKA> attributes) => real.GetAttributes(handle, attributes);

        public void Dispose() => real.Dispose();
    }
}
