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
    }
}
