using NemLogin.Grains.Errors;
namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>The parameters MitID sends the browser back with (RFC 6749 4.1.2, RFC 9207 2).</summary>
internal sealed record MitIdCallback(string? Code, string? State, string? Error, string? Issuer)
{
    private static readonly string[] Names = ["code", "state", "error", "iss"];

    /// <summary>Reads the callback query; a repeated parameter (RFC 6749 3.1) is refused, so no value can be smuggled.</summary>
    public static MitIdCallback Read(IQueryCollection query)
    {
        if (Names.Any(name => query[name].Count > 1))
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.UpstreamResponseInvalid), "The MitID callback repeats a parameter.");
        }

        return new MitIdCallback(NullIfEmpty(query["code"]), NullIfEmpty(query["state"]), NullIfEmpty(query["error"]), NullIfEmpty(query["iss"]));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
