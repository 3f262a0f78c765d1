using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Requests;

/// <summary>
/// The request ids an entity remembers (<see cref="RequestIds"/>): the last <see cref="MaxEntries"/> changes of the last
/// <see cref="Retention"/>. A change is identified by its operation and content (a SHA-256 of both), so the same id
/// with the same content is a repeat and with other content a mistake.
/// </summary>
internal static class RequestLog
{
    public const int MaxEntries = 100;

    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>Refuses an id that is not <see cref="RequestIds.IsWellFormed"/> (<c>request.id-invalid</c>).</summary>
    public static void RequireWellFormed(string requestId)
    {
        if (!RequestIds.IsWellFormed(requestId))
        {
            throw Rules.Refuse(BrokerError.RequestIdInvalid, $"A request id has 1 to {RequestIds.MaxLength} visible ASCII characters.");
        }
    }

    /// <summary>
    /// The items of a batch of changes, each with its own request id; refused with <paramref name="error"/> when there are
    /// none, more than <paramref name="max"/>, or a request id twice (a batch's items are answered by id).
    /// </summary>
    public static ImmutableArray<T> RequireBatch<T>(ImmutableArray<T> batch, Func<T, string> requestId, int max, BrokerError error)
        where T : class
    {
        var items = batch.IsDefault ? [] : batch;
        Rules.Require(items.Length > 0 && items.Length <= max && items.All(i => i is not null), error, $"A batch holds 1 to {max} changes.");
        Rules.Require(items.Select(requestId).Distinct(StringComparer.Ordinal).Count() == items.Length, error, "Each change of a batch has its own request id.");
        return items;
    }

    /// <summary>The change's fingerprint: operation and content, already normalised by the caller.</summary>
    public static string Fingerprint<T>(string operation, T content)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(content, Json);
        var head = Encoding.UTF8.GetBytes(operation + "\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. head, .. body]));
    }

    /// <summary>
    /// The receipt of an earlier change with this id and fingerprint (a repeat), or null for a new id. The same id with
    /// another fingerprint is refused with <c>request.id-reused</c>.
    /// </summary>
    public static ChangeReceipt? Replay(ImmutableArray<ChangeReceipt> log, string requestId, string fingerprint)
    {
        RequireWellFormed(requestId);
        foreach (var receipt in log.IsDefault ? [] : log)
        {
            if (string.Equals(receipt.RequestId, requestId, StringComparison.Ordinal))
            {
                return string.Equals(receipt.Fingerprint, fingerprint, StringComparison.Ordinal)
                    ? receipt
                    : throw Rules.Refuse(BrokerError.RequestIdReused, "This request id was used for another change; send a new id.");
            }
        }

        return null;
    }

    /// <summary>The log with <paramref name="receipt"/> added and entries past the retention or the count dropped.</summary>
    public static ImmutableArray<ChangeReceipt> Append(ImmutableArray<ChangeReceipt> log, ChangeReceipt receipt)
    {
        var kept = (log.IsDefault ? [] : log).Where(r => r.At > receipt.At - Retention).Append(receipt).ToArray();
        return [.. kept.Skip(Math.Max(0, kept.Length - MaxEntries))];
    }
}
