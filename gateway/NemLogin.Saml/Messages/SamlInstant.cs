using System.Globalization;

namespace NemLogin.Saml.Messages;

/// <summary>SAML time values: xs:dateTime in UTC with no time zone other than Z (SAML Core 1.3.3).</summary>
internal static class SamlInstant
{
    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // SAML Core 1.3.3: UTC with a Z; fractional seconds are optional, and peers send anything from none to 7 digits.
    private static readonly string[] AcceptedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.F'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text, string what, SamlErrorCode code)
    {
        if (DateTimeOffset.TryParseExact(
                text,
                AcceptedFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var value))
        {
            return value;
        }

        throw new SamlException(code, $"{what} is not a UTC xs:dateTime ending in Z.");
    }
}
