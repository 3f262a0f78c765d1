using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Gateway.Admin;

/// <summary>
/// The request id of a change to organisations, employees, rights or catalogues: the <c>Idempotency-Key</c> header or the
/// body's <c>requestId</c> (both: they must agree). Required: a change without one could not be repeated safely.
/// </summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public static (string? RequestId, IResult? Problem) Read(HttpRequest request, string? bodyRequestId = null)
    {
        var headers = request.Headers[Header];
        if (headers.Count > 1 || (headers.Count == 1 && bodyRequestId is not null && !string.Equals(headers[0], bodyRequestId, StringComparison.Ordinal)))
        {
            return (null, Invalid("Send one request id: one Idempotency-Key header, or requestId, or both the same."));
        }

        var requestId = headers.Count == 1 ? headers[0] : bodyRequestId;
        if (requestId is null)
        {
            return (null, BusinessProblems.Of(BrokerError.RequestIdMissing, $"Send the change's request id as the {Header} header (or requestId in the body)."));
        }

        return RequestIds.IsWellFormed(requestId)
            ? (requestId, null)
            : (null, Invalid($"A request id has 1 to {RequestIds.MaxLength} visible ASCII characters."));
    }

    /// <summary>A change's JSON body (<see cref="RequestBody.ReadJsonAsync{T}"/>) and its request id, or the problem with either.</summary>
    public static async Task<(T? Body, string? RequestId, IResult? Problem)> ReadChangeAsync<T>(HttpRequest request)
        where T : class, IChangeRequest
    {
        var (body, problem) = await RequestBody.ReadJsonAsync<T>(request);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        var (requestId, idProblem) = Read(request, body!.RequestId);
        return idProblem is null ? (body, requestId, null) : (null, null, idProblem);
    }

    private static IResult Invalid(string detail) => BusinessProblems.Of(BrokerError.RequestIdInvalid, detail);
}
