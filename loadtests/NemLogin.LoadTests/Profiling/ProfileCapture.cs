namespace NemLogin.LoadTests.Profiling;

/// <summary>
/// One recording of a measured run: starts with the measurement and stops at its end or after <c>cap</c>, whichever
/// comes first (a soak of hours would otherwise write gigabytes).
/// </summary>
public sealed class ProfileCapture
{
    private readonly CancellationTokenSource _early = new();
    private readonly Task _stopped;

    private ProfileCapture(EventPipeRecorder recorder, TimeSpan cap)
    {
        _stopped = StopAfterAsync(recorder, cap, _early.Token);
    }

    public static ProfileCapture Start(int processId, string file, TimeSpan cap) => new(EventPipeRecorder.Start(processId, file), cap);

    /// <summary>Stops now if the cap has not already; the file is complete when this finishes.</summary>
    public async Task StopAsync()
    {
        await _early.CancelAsync();
        await _stopped;
        _early.Dispose();
    }

    private static async Task StopAfterAsync(EventPipeRecorder recorder, TimeSpan cap, CancellationToken early)
    {
        try
        {
            await Task.Delay(cap, early);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the end of the measurement.
        }

        await recorder.DisposeAsync();
    }
}
