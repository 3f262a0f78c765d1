namespace NemLogin.LoadTests.Progress;

/// <summary>Shows a run's progress while <c>body</c> runs; body reports through the callback it is given.</summary>
public interface IProgressDisplay
{
    Task<T> RunAsync<T>(Func<Action<ProgressSnapshot>, Task<T>> body);
}
