using System.Text.RegularExpressions;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Scenarios.Professional;

namespace NemLogin.LoadTests.Scenarios.Mandates;

/// <summary>
/// One mandate option of the broker's "whom do you act as" page: a radio input named <c>acting_as</c> whose value is the
/// mandate's id, labelled with the grantor's name, "(fuldmagt)" or "(mandate)", and for an organisation "CVR nnnnnnnn".
/// </summary>
public sealed partial record MandateChoice(string Value, string GrantorName, string? Cvr)
{
    public static IReadOnlyList<MandateChoice> Read(HttpPage page) =>
        [.. ActingAsChoice.Options(page)
            .Select(o => (o.Value, Match: MandateLabelRegex().Match(o.Label)))
            .Where(o => o.Match.Success)
            .Select(o => new MandateChoice(o.Value, o.Match.Groups["name"].Value.Trim(), o.Match.Groups["cvr"].Success ? o.Match.Groups["cvr"].Value : null))];

    [GeneratedRegex(@"^(?<name>.+?)\s+\((?:fuldmagt|mandate)\)(?:\s+CVR\s+(?<cvr>\d{8}))?$", RegexOptions.Singleline)]
    private static partial Regex MandateLabelRegex();
}
