namespace NemLogin.LoadTests.Tests.Support;

/// <summary>A clock that moves on by a fixed step every time it is read, so drivers run through a plan without real waiting.</summary>
internal sealed class SteppingClock(TimeSpan step)
{
    private long _ticks;

    public TimeSpan Read() => TimeSpan.FromTicks(Interlocked.Add(ref _ticks, step.Ticks));
}
