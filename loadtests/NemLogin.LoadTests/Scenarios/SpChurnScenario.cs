using System.Globalization;
using System.Security.Cryptography;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// An operator registers a new service provider through the admin API, a citizen logs in at it, the operator deletes
/// it, and the broker must then refuse that SP's requests: registry changes take effect at once, under load.
/// </summary>
public sealed class SpChurnScenario : ILoadScenario
{
    public const string ScenarioName = "sp-churn";
    private const string ChurnBaseUrl = "https://churn-sp.nemlogin.test";

    public string Name => ScenarioName;

    public string Description => "SP registration churn: register through the admin API, log in at the new SP, delete it, its next request is refused";

    public int LoginsPerIteration => 1;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var admin = context.Resources.Admin
            ?? throw new InvalidOperationException("sp-churn needs the admin API: pass --admin-key (the broker's Admin:ApiKey).");
        var template = context.Resources.AnyServiceProvider();
        var sp = VirtualServiceProvider.WithSharedKey("churn-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), ChurnBaseUrl, template.Certificate);

        await context.StepAsync("admin-register-sp", async ct =>
        {
            var page = await admin.RegisterAsync(sp.Metadata(), ct);
            return page.Status == 201 ? StepOutcome.Ok("201", page.Bytes) : Unexpected(page, "201 Created");
        });

        var deleted = false;
        try
        {
            await SpInitiatedLogin.LogInAsync(context, sp, context.Resources.AnyUser());
            await context.StepAsync("admin-delete-sp", async ct =>
            {
                var page = await admin.DeleteAsync(sp.EntityId, ct);
                deleted = page.Status == 204;
                return deleted ? StepOutcome.Ok("204", page.Bytes) : Unexpected(page, "204 No Content");
            });
        }
        finally
        {
            if (!deleted && !context.CancellationToken.IsCancellationRequested)
            {
                // A failed iteration must not leave its SP registered for the rest of the run.
                await admin.DeleteAsync(sp.EntityId, CancellationToken.None);
            }
        }

        await context.StepAsync("deleted-sp-refused", async ct =>
        {
            var (url, _) = await sp.SignedRequestUrlAsync(context.Resources.IdentityProvider, ct);
            var page = await new VirtualBrowser(context.Resources.Transport).GetAsync(new Uri(url), ct);
            return page.Status == 400 && page.ErrorCode?.Contains("IssuerUnknown", StringComparison.Ordinal) == true
                ? StepOutcome.Ok(page.Describe(), page.Bytes)
                : StepOutcome.Fail("deleted-sp-accepted", page.Bytes, $"a deleted SP's request got {page.Describe()}");
        });
    }

    private static StepOutcome Unexpected(HttpPage page, string expected) =>
        StepOutcome.Fail(page.Status.ToString(CultureInfo.InvariantCulture), page.Bytes, $"expected {expected}, got {page.Status}: {page.Body[..Math.Min(200, page.Body.Length)]}");
}
