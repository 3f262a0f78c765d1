using NemLogin.LoadTests.Broker;
using NemLogin.LoadTests.Engine;
using Xunit;

namespace NemLogin.LoadTests.Tests.Broker;

public sealed class MachineCpuTests
{
    [Fact]
    public void Parse_CpuLine_CountsIdleAndIowaitAsNotBusy()
    {
        var (busy, total) = MachineCpu.Parse("cpu  100 10 50 800 40 0 0 0 0 0");

        Assert.Equal(TimeSpan.FromSeconds(1.6), busy);
        Assert.Equal(TimeSpan.FromSeconds(10), total);
    }

    [Fact]
    public void Read_ThisMachine_HasMoreTotalThanBusyTime()
    {
        var reading = MachineCpu.Read();

        Assert.NotNull(reading);
        Assert.True(reading.Value.Total >= reading.Value.Busy);
    }

    [Fact]
    public void OtherCores_BusyBeyondBrokerAndRunner_IsTheRest()
    {
        Assert.Equal(0.5, new MachineUsage(2, 1.9, 1.0, 0.4).OtherCores, 9);
        Assert.Equal(0, new MachineUsage(2, 1.0, 0.7, 0.4).OtherCores, 9);
    }
}
