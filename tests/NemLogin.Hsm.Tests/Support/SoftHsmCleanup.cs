[assembly: AssemblyFixture(typeof(NemLogin.Hsm.Tests.Support.SoftHsmCleanup))]

namespace NemLogin.Hsm.Tests.Support;

/// <summary>Removes the run's token folder when every test has finished.</summary>
public sealed class SoftHsmCleanup : IDisposable
{
    public void Dispose()
    {
        try
        {
            Directory.Delete(SoftHsm.Directory, recursive: true);
        }
        catch (IOException)
        {
            // The module may still hold a file open; the temp folder is cleaned by the OS later.
        }
    }
}
