using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// A PKCS#11 module loaded once per process and shared. C_Initialize and C_Finalize are process-wide (PKCS#11 v2.40
/// §5.4), so two silos or a silo and the key commands in one process must not finalize each other's library: the last
/// lease to be disposed unloads it.
/// </summary>
public sealed class Pkcs11Module
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private static bool _resolverInstalled;
    private int _leases;

    private Pkcs11Module(string libraryPath, IPkcs11Library library)
    {
        LibraryPath = libraryPath;
        Library = library;
    }

    public string LibraryPath { get; }

    public Pkcs11InteropFactories Factories { get; } = new();

    public IPkcs11Library Library { get; }

    /// <summary>Loads (or shares) the module at <paramref name="libraryPath"/>; dispose the lease when done.</summary>
    public static Pkcs11ModuleLease Acquire(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryPath);
        var path = Path.GetFullPath(libraryPath);
        lock (Gate)
        {
            InstallLibdlResolver();
            if (!Loaded.TryGetValue(path, out var module))
            {
                var factories = new Pkcs11InteropFactories();
                module = new Pkcs11Module(path, factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded));
                Loaded[path] = module;
            }

            module._leases++;
            return new Pkcs11ModuleLease(module);
        }
    }

    /// <summary>The slot whose token carries <paramref name="tokenLabel"/> (slot ids are not stable, labels are).</summary>
    public ISlot FindSlot(string tokenLabel)
    {
        foreach (var slot in Library.GetSlotList(SlotsType.WithTokenPresent))
        {
            var token = slot.GetTokenInfo();
            if (token.TokenFlags.TokenInitialized && string.Equals(token.Label.TrimEnd(), tokenLabel, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        throw new Pkcs11TokenNotFoundException(tokenLabel);
    }

    internal void Release()
    {
        lock (Gate)
        {
            if (--_leases == 0)
            {
                Loaded.Remove(LibraryPath);
                Library.Dispose();
            }
        }
    }

    private static void InstallLibdlResolver()
    {
        if (_resolverInstalled)
        {
            return;
        }

        // Pkcs11Interop P/Invokes "libdl"; Debian 12 ships only libdl.so.2 (Pkcs11Interop issue #239, the maintainer's workaround).
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, ResolveLibdl);
        _resolverInstalled = true;
    }

    private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name == "libdl" && OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libdl.so.2", out var handle))
        {
            return handle;
        }

        return IntPtr.Zero;
    }
}
