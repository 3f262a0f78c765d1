using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using static NemLogin.LoadTests.Scenarios.SpInitiatedLogin;

namespace NemLogin.LoadTests.Scenarios.Professional;

/// <summary>
/// An employee logs in at an IT system for one of their organisations: the SP asks for the Professional profile, the
/// broker offers the upstream choice when organisation IdPs are registered (the runner takes MitID), the simulator logs
/// the person in, the broker asks whom they act as (every load person is employed by several organisations), the runner
/// picks one of them, and the SP checks the assertion is that business identity with that organisation's privileges at
/// this SP only. The organisations, employees and rights are set up through the admin API on the first iteration.
/// </summary>
public sealed class ProfessionalLoginScenario : ILoadScenario
{
    public const string ScenarioName = "professional-login";

    private static readonly string[] ProfessionalSubstantial = [SamlConstants.OioSaml.LoaSubstantial, SamlConstants.OioSaml.ProfileProfessional];

    public string Name => ScenarioName;

    public string Description => "Employee login (Professional profile): MitID, whom-do-you-act-as, assertion with the organisation's CVR and its privileges at this SP";

    public int LoginsPerIteration => 1;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var population = await ProfessionalSetUp.EnsureAsync(context.Resources, context.CancellationToken);
        var sp = context.Resources.AnyServiceProvider();
        var user = context.Resources.AnyUser();
        var organisations = population.Where(o => string.Equals(o.Employee, user, StringComparison.OrdinalIgnoreCase)).ToDictionary(o => o.Cvr, StringComparer.Ordinal);
        var (url, requestId) = await SignAsync(context, sp, "sign-authn-request", ProfessionalSubstantial);

        HttpPage page = null!;
        await context.StepAsync("sso", async ct =>
        {
            page = await context.Browser.GetAsync(new Uri(url), ct);
            return page.IsRedirect || IsUpstreamChoice(page) ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to the upstream or the upstream choice");
        });

        if (!page.IsRedirect)
        {
            await context.StepAsync("upstream-choice-mitid", async ct =>
            {
                var form = HtmlForm.Find(page)!;
                page = await context.Browser.PostFormAsync(form.Action, new Dictionary<string, string>(form.Fields, StringComparer.Ordinal) { ["choice"] = "mitid" }, ct);
                return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to MitID");
            });
        }

        page = await MitIdLoginAsync(context, page, user);
        page = await CallbackToActAsAsync(context, page, "every load person has several business identities");

        LoadOrganisation chosen = null!;
        ActingAsChoice choice = null!;
        await context.StepAsync("act-as-page", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            var ours = ActingAsChoice.Read(page).Where(c => organisations.ContainsKey(c.Cvr)).ToList();
            if (ours.Count != organisations.Count)
            {
                return StepOutcome.Fail("act-as.options", page.Bytes, $"{user} is employed by {organisations.Count} load organisations; the page offered {ours.Count} of them");
            }

            choice = ours[Random.Shared.Next(ours.Count)];
            chosen = organisations[choice.Cvr];
            return StepOutcome.Ok(Status(page), page.Bytes);
        });

        var responseXml = await ChooseAsync(context, page, choice.Value);

        var assertion = await ValidateAsync(context, sp, responseXml, requestId, "sp-validate-response");
        await context.StepAsync("sp-check-professional", _ => Task.FromResult(Check(assertion.Value, sp, chosen)));
    }

    /// <summary>The SP's check of a professional assertion: the business identity of <paramref name="expected"/>, with exactly its privileges at <paramref name="sp"/>.</summary>
    public static StepOutcome Check(SamlAssertion assertion, VirtualServiceProvider sp, LoadOrganisation expected)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(sp);
        ArgumentNullException.ThrowIfNull(expected);
        if (!assertion.NameId.StartsWith(SamlConstants.OioSaml.ProfessionalNameIdPrefix, StringComparison.Ordinal))
        {
            return StepOutcome.Fail("assertion.not-professional", reason: $"NameID {assertion.NameId} is no professional identity.");
        }

        if (Single(assertion, SamlConstants.Attributes.Cvr) != expected.Cvr || Single(assertion, SamlConstants.Attributes.OrgName) != expected.Name)
        {
            return StepOutcome.Fail("assertion.wrong-organisation", reason: $"expected CVR {expected.Cvr} ({expected.Name}), got {Single(assertion, SamlConstants.Attributes.Cvr)}.");
        }

        if (Single(assertion, SamlConstants.Attributes.ProfessionalUuid) is null)
        {
            return StepOutcome.Fail("assertion.no-professional-uuid", reason: "The assertion carries no persistent professional UUID.");
        }

        var (groups, failure) = PrivilegeList.FromAssertion(assertion);
        if (failure is not null)
        {
            return failure;
        }

        return PrivilegeList.Mismatch(groups!, expected.Cvr, ProfessionalPopulation.PrivilegePrefix(sp.Name), expected.PrivilegeCount) is { } mismatch
            ? StepOutcome.Fail("assertion.wrong-privileges", reason: mismatch)
            : StepOutcome.Ok("professional");
    }

    private static string? Single(SamlAssertion assertion, string name) =>
        assertion.Attributes.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static bool IsUpstreamChoice(HttpPage page) =>
        page.Status == 200 && HtmlForm.Find(page) is { } form && form.Action.AbsolutePath == "/login/upstream" && form.Fields.ContainsKey("flow");
}
