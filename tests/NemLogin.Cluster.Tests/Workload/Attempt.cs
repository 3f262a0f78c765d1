namespace NemLogin.Cluster.Tests.Workload;

/// <summary>One write as the caller saw it: through which data centre, when, and whether it was acknowledged.</summary>
internal sealed record Attempt(WriteKind Kind, string Key, string Via, DateTimeOffset Start, DateTimeOffset End, bool Acknowledged, string? Error);
