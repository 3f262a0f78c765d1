using Microsoft.Extensions.Options;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>Opens sessions on the token named by <see cref="Pkcs11SigningOptions.TokenLabel"/>; the module loads on first use.</summary>
public sealed class Pkcs11SessionFactory(IOptions<Pkcs11SigningOptions> options) : IHsmSessionFactory, IDisposable
{
    private readonly Lock _gate = new();
    private Pkcs11ModuleLease? _lease;
    private bool _disposed;

    public Pkcs11InteropFactories Factories => Module.Factories;

    private Pkcs11Module Module
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _lease ??= Pkcs11Module.Acquire(options.Value.LibraryPath);
                return _lease.Module;
            }
        }
    }

    public IHsmSession Open()
    {
        var settings = options.Value;
        // Found again on every open: after a device reset the token may come back in another slot.
        var slot = Module.FindSlot(settings.TokenLabel);
        var session = slot.OpenSession(SessionType.ReadOnly);
        try
        {
            session.Login(CKU.CKU_USER, settings.Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // PKCS#11 v2.40 §5.6: login is per application and token; another of our sessions already did it.
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return new Pkcs11HsmSession(session);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _lease?.Dispose();
            _lease = null;
        }
    }
}
