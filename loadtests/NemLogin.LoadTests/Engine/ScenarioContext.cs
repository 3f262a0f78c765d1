using System.Diagnostics;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.Saml;

namespace NemLogin.LoadTests.Engine;

/// <summary>
/// One iteration of one virtual user: a fresh browser (no cookies, like a citizen arriving), the run's shared
/// resources, and the step runner that times and records each named step.
/// </summary>
public sealed class ScenarioContext(ScenarioStats stats, RunResources resources, CancellationToken cancellationToken)
{
    public VirtualBrowser Browser { get; } = new(resources.Transport);

    public RunResources Resources { get; } = resources;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Bytes moved by this iteration's steps so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// Runs and records one step. An exception becomes a failed outcome with a stable status (<c>timeout</c>,
    /// <c>http.error</c>, <c>saml.{code}</c>); a failed step ends the iteration with <see cref="StepFailedException"/>.
    /// </summary>
    public async Task StepAsync(string name, Func<CancellationToken, Task<StepOutcome>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var started = Stopwatch.GetTimestamp();
        StepOutcome outcome;
        try
        {
            outcome = await step(CancellationToken);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            outcome = ex switch
            {
                TimeoutException => StepOutcome.Fail("timeout", reason: ex.Message),
                HttpRequestException http => StepOutcome.Fail("http.error", reason: http.HttpRequestError + ": " + ex.Message),
                SamlException saml => StepOutcome.Fail("saml." + saml.Code, reason: ex.Message),
                _ => StepOutcome.Fail("exception." + ex.GetType().Name, reason: ex.Message),
            };
        }

        stats.Step(name).Record(outcome, Stopwatch.GetElapsedTime(started));
        Bytes += outcome.Bytes;
        if (!outcome.IsOk)
        {
            throw new StepFailedException(name, outcome);
        }
    }
}
