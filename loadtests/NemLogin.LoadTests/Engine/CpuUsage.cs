namespace NemLogin.LoadTests.Engine;

/// <summary>CPU time a process spent (user + system) during the measured part of the run, and per full login.</summary>
public sealed record CpuUsage(int ProcessId, TimeSpan CpuTime, long Logins)
{
    public double MillisecondsPerLogin => Logins == 0 ? 0 : CpuTime.TotalMilliseconds / Logins;
}
