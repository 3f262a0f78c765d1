namespace NemLogin.Gateway.Admin;

/// <summary>A page of audit records; pass <see cref="Next"/> as <c>cursor</c> with the same filters for the next page.</summary>
internal sealed record AuditPageDocument(IReadOnlyList<AuditRecordDocument> Records, string? Next);
