using System.Runtime.InteropServices;

namespace NemLogin.Cluster.Tests.Infrastructure;

/// <summary>POSIX signals for fault injection: SIGKILL (no goodbye), SIGTERM (orderly stop), SIGINT (Ctrl-C), SIGSTOP/SIGCONT (a hung process).</summary>
internal static partial class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Stop = 19;
    public const int Continue = 18;

    public static void Send(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static bool IsAlive(int pid) => SysKill(pid, 0) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
