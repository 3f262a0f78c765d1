using Xunit;

namespace NemLogin.LoadTests.Tests.Support;

internal static class Until
{
    /// <summary>Waits for background iterations to reach a state; the test's own timeout bounds the wait.</summary>
    public static async Task TrueAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
