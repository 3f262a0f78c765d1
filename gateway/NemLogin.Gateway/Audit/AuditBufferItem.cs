using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Audit;

/// <summary>A queued record, or a flush marker completed once everything queued before it is written.</summary>
internal readonly record struct AuditBufferItem(AuditRecord? Record, TaskCompletionSource? Flushed);
