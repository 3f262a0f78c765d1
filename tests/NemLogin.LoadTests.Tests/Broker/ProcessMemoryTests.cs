using NemLogin.LoadTests.Broker;
using Xunit;

namespace NemLogin.LoadTests.Tests.Broker;

public sealed class ProcessMemoryTests
{
    [Fact]
    public void Parse_VmRssLineWithTab_ReadsKilobytesAsBytes()
    {
        // The kernel separates the figure from the field name with a tab and pads it with spaces (proc(5)).
        string[] status = ["Name:\tdotnet", "VmHWM:\t  200000 kB", "VmRSS:\t  123456 kB", "Threads:\t30"];

        Assert.Equal(123456L * 1024, ProcessMemory.Parse(status));
    }

    [Fact]
    public void Parse_NoVmRssLine_IsNull()
    {
        Assert.Null(ProcessMemory.Parse(["Name:\tkthreadd", "State:\tS (sleeping)"]));
    }

    [Fact]
    public void ReadResidentBytes_ThisProcess_IsAboveZero()
    {
        Assert.True(ProcessMemory.ReadResidentBytes(Environment.ProcessId) > 0);
    }

    [Fact]
    public void ReadResidentBytes_NoSuchProcess_IsNull()
    {
        Assert.Null(ProcessMemory.ReadResidentBytes(int.MaxValue));
    }
}
