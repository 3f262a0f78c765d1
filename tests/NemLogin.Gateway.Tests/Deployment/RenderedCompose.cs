using System.Text.RegularExpressions;
using Xunit;

namespace NemLogin.Gateway.Tests.Deployment;

/// <summary>Reads the YAML `docker compose config` renders.</summary>
internal static class RenderedCompose
{
    /// <summary>The rendered YAML of one service: its key line under `services:` up to the next key at that depth.</summary>
    public static string ServiceBlock(string config, string service)
    {
        var match = Regex.Match(config, $@"(?ms)^  {Regex.Escape(service)}:\s*$(.*?)(?=^  \S|^\S|\z)");
        Assert.True(match.Success, $"service {service} not in the rendered configuration");
        return match.Groups[1].Value;
    }

    /// <summary>The value of an environment variable (or any `key: value` line) in a service block.</summary>
    public static string Setting(string block, string key)
    {
        var match = Regex.Match(block, $@"(?m)^\s+{Regex.Escape(key)}: ['""]?(?<value>.*?)['""]?\s*$");
        Assert.True(match.Success, $"{key} not in the service");
        return match.Groups["value"].Value;
    }

    /// <summary>An env file's assignments, in order (comments and blank lines dropped).</summary>
    public static List<KeyValuePair<string, string>> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => KeyValuePair.Create(line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToList();

    /// <summary>Writes assignments to a new temp env file and returns its path.</summary>
    public static string WriteEnvFile(IEnumerable<KeyValuePair<string, string>> assignments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nemlogin-compose-{Guid.NewGuid():N}.env");
        File.WriteAllLines(path, assignments.Select(a => a.Key + "=" + a.Value));
        return path;
    }
}
