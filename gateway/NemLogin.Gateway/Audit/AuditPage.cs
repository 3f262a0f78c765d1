using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Audit;

/// <summary>One page of matching records in (time, id) order, and where the next page starts (null: no more).</summary>
internal sealed record AuditPage(IReadOnlyList<AuditRecord> Records, AuditCursor? Next);
