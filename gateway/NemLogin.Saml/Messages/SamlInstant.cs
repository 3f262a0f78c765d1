using System.Globalization;
using System.Text.RegularExpressions;

namespace NemLogin.Saml.Messages;

/// <summary>SAML time values: xs:dateTime in UTC with no time zone other than Z (SAML Core 1.3.3).</summary>
internal static partial class SamlInstant
{
    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int WireLength = 24;
    private const string ParseFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    // Formatted into the string's own memory: ToString with a custom format built it through a temporary buffer, a few
    // times in every response.
    public static string Format(DateTimeOffset value) =>
        string.Create(WireLength, value.UtcDateTime, static (chars, utc) =>
        {
            if (!utc.TryFormat(chars, out var written, WireFormat, CultureInfo.InvariantCulture) || written != WireLength)
            {
                throw new FormatException("An instant outside years 0001-9999 has no SAML form.");
            }
        });

    public static DateTimeOffset Parse(string text, string what, SamlErrorCode code)
    {
        // SAML Core 1.3.3: UTC with a Z; fractional seconds optional (peers send none to 7 digits), never a bare dot.
        if (UtcDateTime().IsMatch(text)
            && DateTimeOffset.TryParseExact(
                text,
                ParseFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var value))
        {
            return value;
        }

        throw new SamlException(code, $"{what} is not a UTC xs:dateTime ending in Z.");
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?Z$", RegexOptions.CultureInvariant)]
    private static partial Regex UtcDateTime();
}
