namespace NemLogin.LoadTests.Progress;

/// <summary>No display (tests, embedding).</summary>
public sealed class SilentProgress : IProgressDisplay
{
    public Task<T> RunAsync<T>(Func<Action<ProgressSnapshot>, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(_ => { });
    }
}
