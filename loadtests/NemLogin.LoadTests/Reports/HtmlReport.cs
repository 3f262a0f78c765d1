using System.Net;
using System.Text;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Metrics;
using static NemLogin.LoadTests.Reports.Numbers;

namespace NemLogin.LoadTests.Reports;

/// <summary><c>report.html</c>: one self-contained page with the summary, per-scenario charts (latency percentiles and RPS over time) and tables.</summary>
public static class HtmlReport
{
    public static string Write(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = report.Result;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test: ").Append(E(report.Profile)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;max-width:62rem;margin:1.5rem auto;padding:0 1rem;color:#222}")
            .Append("table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}")
            .Append("td:first-child,th:first-child{text-align:left}.fail{color:#b00}.ok{color:#070}svg{display:block;margin:.5rem 0}dt{font-weight:bold;float:left;clear:left;width:8rem}dd{margin:0 0 .3rem 8.5rem}</style></head><body>\n");
        html.Append("<h1>Load test report</h1>\n<dl>");
        Item(html, "target", report.Target);
        Item(html, "profile", $"{report.Profile}: {report.ProfileDescription}");
        Item(html, "started", $"{r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; warm-up {F1(r.WarmUp.TotalSeconds)} s; measured {F1(r.MeasuredDuration.TotalSeconds)} s");
        Item(html, "machine", report.Machine);
        Item(html, "stopped early", r.StopReason ?? "no");
        Item(html, "broker CPU", MarkdownReport.Cpu(r.BrokerCpu).Replace("**", string.Empty, StringComparison.Ordinal));
        Item(html, "runner CPU", MarkdownReport.Cpu(r.RunnerCpu).Replace("**", string.Empty, StringComparison.Ordinal));
        Item(html, "machine CPU", MarkdownReport.Machine(r.Machine));
        html.Append("</dl>\n<h2>Scenarios</h2>\n<table><tr><th>scenario</th><th>ok</th><th>fail</th><th>rps</th><th>ok rps</th>")
            .Append(LatencyHeaders()).Append("<th>bytes</th></tr>");
        foreach (var s in r.Scenarios)
        {
            html.Append("<tr><td>").Append(E(s.Scenario.Name)).Append("</td><td class=\"ok\">").Append(F0(s.Iterations.Ok))
                .Append("</td><td class=\"").Append(s.Iterations.Fail > 0 ? "fail" : string.Empty).Append("\">").Append(F0(s.Iterations.Fail))
                .Append("</td><td>").Append(F1(report.Rps(s))).Append("</td><td>").Append(F1(report.OkRps(s))).Append("</td>")
                .Append(LatencyCells(s.Iterations.Latency)).Append("<td>").Append(Bytes(s.Iterations.Bytes)).Append("</td></tr>");
        }

        html.Append("</table><p>Latencies in milliseconds, of OK iterations.</p>\n");
        foreach (var s in r.Scenarios)
        {
            Scenario(html, s);
        }

        if (r.StressSteps.Count > 0)
        {
            Stress(html, r);
        }

        if (report.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2><ul>");
            foreach (var note in report.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("\n</body></html>\n").ToString();
    }

    private static void Scenario(StringBuilder html, ScenarioResult s)
    {
        html.Append("<h2>").Append(E(s.Scenario.Name)).Append("</h2>\n<p>").Append(E(s.Scenario.Description)).Append(". Load: ")
            .Append(E(PlanText.Describe(s.Plan))).Append(".</p>\n");
        var series = s.TimeSeries;
        double Mid(TimeSeriesPoint p) => p.AtSeconds + (p.WidthSeconds / 2);
        html.Append(SvgLineChart.Render("Latency over time", "seconds", "ms",
        [
            new ChartSeries("p50", "#1f77b4", [.. series.Where(p => p.Ok > 0).Select(p => (Mid(p), p.P50Ms))]),
            new ChartSeries("p95", "#ff7f0e", [.. series.Where(p => p.Ok > 0).Select(p => (Mid(p), p.P95Ms))]),
            new ChartSeries("p99", "#d62728", [.. series.Where(p => p.Ok > 0).Select(p => (Mid(p), p.P99Ms))]),
        ])).Append('\n');
        html.Append(SvgLineChart.Render("Throughput over time", "seconds", "iterations per second",
        [
            new ChartSeries("target", "#999999", [.. series.Select(p => (Mid(p), p.TargetRate))]),
            new ChartSeries("ok", "#2ca02c", [.. series.Select(p => (Mid(p), p.OkRps))]),
            new ChartSeries("fail", "#d62728", [.. series.Select(p => (Mid(p), p.FailRps))]),
        ])).Append('\n');

        html.Append("<table><tr><th>step</th><th>ok</th><th>fail</th><th>statuses</th>").Append(LatencyHeaders()).Append("<th>bytes</th></tr>");
        foreach (var step in s.Steps)
        {
            html.Append("<tr><td>").Append(E(step.Name)).Append("</td><td>").Append(F0(step.Ok)).Append("</td><td class=\"")
                .Append(step.Fail > 0 ? "fail" : string.Empty).Append("\">").Append(F0(step.Fail)).Append("</td><td>")
                .Append(E(MarkdownReport.Statuses(step).Replace("`", string.Empty, StringComparison.Ordinal))).Append("</td>")
                .Append(LatencyCells(step.Latency)).Append("<td>").Append(Bytes(step.Bytes)).Append("</td></tr>");
        }

        html.Append("</table>\n");
        var reasons = s.Steps.SelectMany(step => step.SampleReasons.Select(kv => $"{step.Name} {kv.Key}: {kv.Value}")).ToList();
        if (reasons.Count > 0)
        {
            html.Append("<p class=\"fail\">Failures (one sample per status):</p><ul>");
            foreach (var reason in reasons)
            {
                html.Append("<li>").Append(E(reason)).Append("</li>");
            }

            html.Append("</ul>\n");
        }
    }

    private static void Stress(StringBuilder html, RunResult r)
    {
        html.Append("<h2>Stress steps</h2><p>Highest rate that held: <strong>")
            .Append(r.HighestHeldRate is { } held ? F1(held) + " logins/s" : "none").Append("</strong>.</p>\n");
        html.Append(SvgLineChart.Render("Latency by injected rate", "logins per second asked", "ms",
        [
            new ChartSeries("p50", "#1f77b4", [.. r.StressSteps.Select(s => (s.TargetRate, s.P50Ms))]),
            new ChartSeries("p99", "#d62728", [.. r.StressSteps.Select(s => (s.TargetRate, s.P99Ms))]),
        ])).Append('\n');
        html.Append("<table><tr><th>target /s</th><th>completed /s</th><th>p50</th><th>p95</th><th>p99</th><th>errors %</th><th>held</th></tr>");
        foreach (var step in r.StressSteps)
        {
            html.Append("<tr><td>").Append(F1(step.TargetRate)).Append("</td><td>").Append(F1(step.AchievedRps)).Append("</td><td>")
                .Append(F2(step.P50Ms)).Append("</td><td>").Append(F2(step.P95Ms)).Append("</td><td>").Append(F2(step.P99Ms)).Append("</td><td>")
                .Append(F2(step.FailPercent)).Append("</td><td class=\"").Append(step.Held ? "ok\">yes" : "fail\">no: " + E(step.Why ?? string.Empty))
                .Append("</td></tr>");
        }

        html.Append("</table>\n");
    }

    private static string LatencyHeaders() =>
        "<th>min</th><th>mean</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th><th>max</th>";

    private static string LatencyCells(LatencySummary l) =>
        $"<td>{F2(l.MinMs)}</td><td>{F2(l.MeanMs)}</td><td>{F2(l.P50Ms)}</td><td>{F2(l.P75Ms)}</td><td>{F2(l.P95Ms)}</td><td>{F2(l.P99Ms)}</td><td>{F2(l.MaxMs)}</td>";

    private static void Item(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
