namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>One user's hold on a shared <see cref="Pkcs11Module"/>; the module unloads when the last lease is disposed.</summary>
public sealed class Pkcs11ModuleLease(Pkcs11Module module) : IDisposable
{
    private int _disposed;

    public Pkcs11Module Module { get; } = module;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Module.Release();
        }
    }
}
