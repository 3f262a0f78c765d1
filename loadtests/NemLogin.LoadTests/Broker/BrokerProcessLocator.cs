using System.Globalization;
using System.Net;

namespace NemLogin.LoadTests.Broker;

/// <summary>
/// Finds the process listening on the target's port on this machine: the listening socket's inode from
/// <c>/proc/net/tcp{,6}</c>, then the process holding a descriptor to that socket. Null when the target is not on
/// loopback or nothing readable listens there.
/// </summary>
public static class BrokerProcessLocator
{
    private const string ListenState = "0A";

    public static int? Find(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsLoopback && !IsLocalAddress(target.Host))
        {
            return null;
        }

        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (File.Exists(table))
            {
                inodes.UnionWith(ListeningInodes(File.ReadLines(table).Skip(1), target.Port));
            }
        }

        return inodes.Count == 0 ? null : ProcessHolding(inodes);
    }

    /// <summary>Inodes of sockets listening on <paramref name="port"/> in lines of a /proc/net/tcp table.</summary>
    public static IEnumerable<string> ListeningInodes(IEnumerable<string> tableLines, int port)
    {
        ArgumentNullException.ThrowIfNull(tableLines);
        foreach (var line in tableLines)
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != ListenState)
            {
                continue;
            }

            var local = fields[1];
            var colon = local.LastIndexOf(':');
            if (colon > 0 && int.Parse(local[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            {
                yield return fields[9];
            }
        }
    }

    private static int? ProcessHolding(HashSet<string> inodes)
    {
        var wanted = inodes.Select(i => $"socket:[{i}]").ToHashSet(StringComparer.Ordinal);
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } link && wanted.Contains(link))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A process that ended meanwhile, or one we may not look into: not the broker we can measure.
            }
        }

        return null;
    }

    private static bool IsLocalAddress(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
