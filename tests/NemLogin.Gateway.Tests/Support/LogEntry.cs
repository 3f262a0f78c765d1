using Microsoft.Extensions.Logging;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>One captured log line.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Text);
