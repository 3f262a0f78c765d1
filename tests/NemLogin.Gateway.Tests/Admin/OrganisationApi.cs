using System.Globalization;
using System.Net;
using NemLogin.Grains.Organisations;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>The organisation routes as a support tool calls them: fresh CVR numbers, request ids, bodies.</summary>
internal static class OrganisationApi
{
    public static string NewCvr()
    {
        string cvr;
        do
        {
            cvr = Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        }
        while (!BusinessNumbers.IsCvr(cvr));
        return cvr;
    }

    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    public static string Path(string cvr, string? tail = null) => "/api/admin/organisations/" + cvr + (tail is null ? string.Empty : "/" + tail);

    public static string EmployeePath(string cvr, string employeeId, string? tail = null) => Path(cvr, "employees/" + employeeId + (tail is null ? string.Empty : "/" + tail));

    public static object Organisation(string name = "Testfirma ApS", string[]? units = null, string[]? seNumbers = null, string status = "Active") =>
        new { name, productionUnits = units ?? [], seNumbers = seNumbers ?? [], status, administrators = Array.Empty<Guid>() };

    public static async Task<string> CreateAsync(AdminClient admin, string[]? units = null, string[]? seNumbers = null)
    {
        var cvr = NewCvr();
        var reply = await admin.ChangeAsync(HttpMethod.Put, Path(cvr), Organisation(units: units, seNumbers: seNumbers), NewKey());
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return cvr;
    }

    public static async Task<string> AddEmployeeAsync(AdminClient admin, string cvr, object? body = null)
    {
        var reply = await admin.ChangeAsync(HttpMethod.Post, Path(cvr, "employees"), body ?? new { loa = "Substantial" }, NewKey());
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return reply.Json["id"]!.GetValue<string>();
    }
}
