namespace NemLogin.LoadTests.Metrics;

/// <summary>
/// What one step reports: success or failure, a status (an HTTP status code like <c>302</c>, or a named error like
/// <c>saml.IssuerUnknown</c>), the bytes it sent and received, and for a failure a short reason.
/// </summary>
public sealed record StepOutcome(bool IsOk, string Status, long Bytes, string? Reason = null)
{
    public static StepOutcome Ok(string status, long bytes = 0) => new(true, status, bytes);

    public static StepOutcome Fail(string status, long bytes = 0, string? reason = null) => new(false, status, bytes, reason);
}
