using System.Net;
using System.Text.RegularExpressions;
using NemLogin.LoadTests.Http;

namespace NemLogin.LoadTests.Scenarios.Professional;

/// <summary>
/// One option of the broker's "whom do you act as" page (<c>/login/act-as/{flow}</c>): a radio input named
/// <c>acting_as</c> whose value is the business identity's id, labelled with the organisation's name and "CVR nnnnnnnn".
/// </summary>
public sealed partial record ActingAsChoice(string Value, string Cvr, string Label)
{
    public const string Field = "acting_as";

    public static IReadOnlyList<ActingAsChoice> Read(HttpPage page) =>
        [.. Options(page)
            .Select(o => (o.Value, o.Label, Cvr: CvrRegex().Match(o.Label)))
            .Where(o => o.Cvr.Success)
            .Select(o => new ActingAsChoice(o.Value, o.Cvr.Groups["cvr"].Value, o.Label))];

    /// <summary>Every radio option of the page named <see cref="Field"/>: its value and its label as text (tags removed, decoded).</summary>
    internal static IEnumerable<(string Value, string Label)> Options(HttpPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var labels = LabelRegex().Matches(page.Body).ToDictionary(m => m.Groups["for"].Value, m => m.Groups["text"].Value, StringComparer.Ordinal);
        foreach (Match input in RadioRegex().Matches(page.Body))
        {
            var attributes = input.Groups["attrs"].Value;
            if (Attribute(attributes, "name") == Field && Attribute(attributes, "value") is { } value
                && Attribute(attributes, "id") is { } id && labels.TryGetValue(id, out var label))
            {
                yield return (WebUtility.HtmlDecode(value), WebUtility.HtmlDecode(TagRegex().Replace(label, string.Empty)).Trim());
            }
        }
    }

    private static string? Attribute(string attributes, string name) => HtmlForm.Attribute(attributes, name);

    [GeneratedRegex(@"<input(?<attrs>[^>]*type=""radio""[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex RadioRegex();

    [GeneratedRegex(@"<label[^>]*for=""(?<for>[^""]+)""[^>]*>(?<text>.*?)</label>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LabelRegex();

    [GeneratedRegex(@"CVR\s+(?<cvr>\d{8})")]
    private static partial Regex CvrRegex();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagRegex();
}
