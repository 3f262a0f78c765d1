using NemLogin.LoadTests.Broker;
using Xunit;

namespace NemLogin.LoadTests.Tests.Broker;

public sealed class ProcessCpuTests
{
    [Fact]
    public void Parse_CommandNameWithSpacesAndParentheses_ReadsUtimePlusStime()
    {
        const string Stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 9 0 0 0 250 50 0 0 20 0 30 0 100 0 0";

        Assert.Equal(TimeSpan.FromSeconds(3), ProcessCpu.Parse(Stat));
    }

    [Fact]
    public void Read_ThisProcessAfterWork_IsAboveZero()
    {
        var sum = 0L;
        for (var i = 0; i < 20_000_000; i++)
        {
            sum += i % 7;
        }

        Assert.True(sum > 0);
        Assert.True(ProcessCpu.Read(Environment.ProcessId) > TimeSpan.Zero);
    }

    [Fact]
    public void Read_NoSuchProcess_IsNull()
    {
        Assert.Null(ProcessCpu.Read(int.MaxValue));
        Assert.Null(ProcessCpu.ReadTree(int.MaxValue));
    }

    [Fact]
    public void ParentOf_CommandNameWithSpacesAndParentheses_ReadsField4()
    {
        Assert.Equal(1, ProcessCpu.ParentOf("4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 9 0 0 0 250 50 0 0 20 0 30 0 100 0 0"));
    }

    [Fact(Timeout = 120_000)]
    public async Task ReadTree_ShellWhoseChildWorks_CountsTheChild()
    {
        // Rule: a target's CPU per login counts every process it works in (PHP's built-in server does its work in
        // worker processes), not the parent alone. The shell waits; its child counts to five million (seconds of CPU), then sleeps.
        using var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "sh -c 'i=0; while [ $i -lt 5000000 ]; do i=$((i+1)); done; sleep 60' & wait" },
        })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            TimeSpan? tree = TimeSpan.Zero;
            while (DateTime.UtcNow < deadline && (tree = ProcessCpu.ReadTree(shell.Id)) < TimeSpan.FromMilliseconds(500))
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.True(tree >= TimeSpan.FromMilliseconds(500), $"tree {tree}");
            Assert.True(ProcessCpu.Read(shell.Id) < TimeSpan.FromMilliseconds(200), $"the waiting shell itself: {ProcessCpu.Read(shell.Id)}");
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
        }
    }
}
