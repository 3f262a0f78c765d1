namespace NemLogin.LoadTests.Reports;

/// <summary>Writes <c>report.json</c>, <c>report.md</c> and <c>report.html</c> into a folder.</summary>
public static class ReportFiles
{
    public const string Json = "report.json";
    public const string Markdown = "report.md";
    public const string Html = "report.html";

    public static IReadOnlyList<string> WriteAll(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, content) in new[] { (Json, JsonReport.Write(report)), (Markdown, MarkdownReport.Write(report)), (Html, HtmlReport.Write(report)) })
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, content);
            written.Add(path);
        }

        return written;
    }
}
