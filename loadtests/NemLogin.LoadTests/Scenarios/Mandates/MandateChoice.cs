using System.Net;
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
    public static IReadOnlyList<MandateChoice> Read(HttpPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var labels = LabelRegex().Matches(page.Body).ToDictionary(m => m.Groups["for"].Value, m => m.Groups["text"].Value, StringComparer.Ordinal);
        var choices = new List<MandateChoice>();
        foreach (Match input in RadioRegex().Matches(page.Body))
        {
            var attributes = input.Groups["attrs"].Value;
            if (HtmlForm.Attribute(attributes, "name") != ActingAsChoice.Field || HtmlForm.Attribute(attributes, "value") is not { } value
                || HtmlForm.Attribute(attributes, "id") is not { } id || !labels.TryGetValue(id, out var label))
            {
                continue;
            }

            var text = WebUtility.HtmlDecode(TagRegex().Replace(label, string.Empty)).Trim();
            if (MandateLabelRegex().Match(text) is { Success: true } mandate)
            {
                choices.Add(new MandateChoice(WebUtility.HtmlDecode(value), mandate.Groups["name"].Value.Trim(),
                    mandate.Groups["cvr"].Success ? mandate.Groups["cvr"].Value : null));
            }
        }

        return choices;
    }

    [GeneratedRegex(@"<input(?<attrs>[^>]*type=""radio""[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex RadioRegex();

    [GeneratedRegex(@"<label[^>]*for=""(?<for>[^""]+)""[^>]*>(?<text>.*?)</label>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LabelRegex();

    [GeneratedRegex(@"^(?<name>.+?)\s+\((?:fuldmagt|mandate)\)(?:\s+CVR\s+(?<cvr>\d{8}))?$", RegexOptions.Singleline)]
    private static partial Regex MandateLabelRegex();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagRegex();
}
