using System.Globalization;
using NemLogin.Gateway.Audit;
using NemLogin.Grains.Audit;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// <c>GET /api/admin/audit</c>: records in a time range (<c>from</c>, <c>to</c>: ISO 8601, at most a day apart; default the
/// last hour), filtered by <c>serviceProvider</c>, <c>identityId</c>, <c>correlationId</c>, <c>category</c>; paged with
/// <c>limit</c> (1–1000) and the <c>cursor</c> a previous page returned.
/// </summary>
internal static class AuditAdminEndpoints
{
    public const string QueryInvalid = "admin.audit.query-invalid";

    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAuditAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", QueryAsync);
        return admin;
    }

    private static async Task<IResult> QueryAsync(HttpContext context, AuditReader reader, TimeProvider time)
    {
        var query = context.Request.Query;
        var now = time.GetUtcNow();
        if (!TryTime(query["to"], now, out var to) || !TryTime(query["from"], to - TimeSpan.FromHours(1), out var from))
        {
            return Invalid("from and to must be ISO 8601 times, e.g. 2026-03-02T09:00:00Z.");
        }

        if (to <= from || to - from > AuditReader.MaxRange)
        {
            return Invalid("to must be after from, and at most one day later.");
        }

        if (!TryInt(query["limit"], DefaultLimit, out var limit) || limit is < 1 or > MaxLimit)
        {
            return Invalid($"limit must be between 1 and {MaxLimit}.");
        }

        Guid? identityId = null;
        if (query["identityId"].Count > 0)
        {
            if (!Guid.TryParse(query["identityId"], out var parsed))
            {
                return Invalid("identityId must be a UUID.");
            }

            identityId = parsed;
        }

        AuditCategory? category = null;
        if (query["category"].Count > 0)
        {
            if (!Enum.TryParse<AuditCategory>(query["category"], ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Invalid("category must be one of " + string.Join(", ", Enum.GetNames<AuditCategory>()) + ".");
            }

            category = parsed;
        }

        AuditCursor? after = null;
        if (query["cursor"].Count > 0)
        {
            if (!AuditCursor.TryParse(query["cursor"], out var cursor))
            {
                return Invalid("cursor is not one this API returned.");
            }

            after = cursor;
        }

        var filter = new AuditFilter
        {
            From = from,
            To = to,
            ServiceProvider = NullIfEmpty(query["serviceProvider"]),
            IdentityId = identityId,
            CorrelationId = NullIfEmpty(query["correlationId"]),
            Category = category,
        };
        var page = await reader.QueryAsync(filter, limit, after, context.RequestAborted);
        return TypedResults.Ok(new AuditPageDocument([.. page.Records.Select(AuditRecordDocument.From)], page.Next?.ToString()));
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (string.IsNullOrEmpty(text))
        {
            time = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static IResult Invalid(string detail) => AdminProblems.Invalid(QueryInvalid, detail);
}
