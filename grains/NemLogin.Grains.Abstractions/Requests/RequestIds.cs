namespace NemLogin.Grains.Requests;

/// <summary>
/// The caller's id of a change (the admin API's <c>Idempotency-Key</c>). A change repeated with the same id and the same
/// content answers what the first one answered and changes nothing; the same id with other content is refused
/// (<c>request.id-reused</c>). Ids are remembered per entity the change is made to (see <see cref="ChangeReceipt"/>).
/// </summary>
public static class RequestIds
{
    public const int MaxLength = 128;

    /// <summary>1 to 128 visible ASCII characters (no spaces, no control characters).</summary>
    public static bool IsWellFormed(string? requestId) =>
        requestId is { Length: > 0 and <= MaxLength } && requestId.All(c => c is > ' ' and < (char)127);
}
