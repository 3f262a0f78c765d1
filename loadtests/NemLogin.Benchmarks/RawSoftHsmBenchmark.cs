using System.Diagnostics;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Benchmarks;

/// <summary>SoftHSM2 without Orleans or the pool: N threads, each with its own logged-in session, CKM_SHA256_RSA_PKCS in a loop.</summary>
internal static class RawSoftHsmBenchmark
{
    public static Measurement Run(int sessions, TimeSpan duration, byte[] message)
    {
        using var lease = Pkcs11Module.Acquire(SoftHsmToken.LibraryPath);
        var factories = lease.Module.Factories;
        var slot = lease.Module.FindSlot(SoftHsmToken.Label);
        long total = 0;
        using var start = new Barrier(sessions + 1);
        var stopwatch = new Stopwatch();
        var threads = Enumerable.Range(0, sessions).Select(_ => new Thread(() =>
        {
            using var session = slot.OpenSession(SessionType.ReadOnly);
            try
            {
                session.Login(CKU.CKU_USER, SoftHsmToken.Pin);
            }
            catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
            }

            var a = factories.ObjectAttributeFactory;
            // Disposed after the call, so the attributes' native memory outlives it (see Pkcs11Template in the signer).
            List<IObjectAttribute> template = [a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_LABEL, "saml-signing")];
            var key = session.FindAllObjects(template).Single();
            template.ForEach(attribute => attribute.Dispose());
            using var mechanism = factories.MechanismFactory.Create(CKM.CKM_SHA256_RSA_PKCS);
            long count = 0;
            start.SignalAndWait();
            while (stopwatch.Elapsed < duration)
            {
                session.Sign(mechanism, key, message);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        stopwatch.Start();
        threads.ForEach(t => t.Join());
        stopwatch.Stop();
        return new Measurement("raw SoftHSM2 sessions (no Orleans, no pool)", sessions, total, stopwatch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
