using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Scenarios.Professional;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using static NemLogin.LoadTests.Scenarios.SpInitiatedLogin;

namespace NemLogin.LoadTests.Scenarios.Mandates;

/// <summary>
/// A grantee of the synthetic population logs in as a citizen (Fuldmagt): the SP's AuthnRequest, MitID (the simulator
/// logs in the synthetic person), then the broker asks whom they act for; the page must offer exactly the grantors the
/// population plan gives that person, the runner picks one of them, and the SP checks the assertion is the person's
/// own NameID with privileges scoped to that grantor only (their CPR or CVR scope). The population is the one the
/// broker was seeded with (<c>--population-scale</c>) or a small one set up through the admin API.
/// </summary>
public sealed class MandateLoginScenario : ILoadScenario
{
    public const string ScenarioName = "mandate-login";

    public string Name => ScenarioName;

    public string Description => "Citizen login under a mandate (Fuldmagt): MitID as a seeded grantee, whom-do-you-act-for, assertion with privileges scoped to the chosen grantor";

    public int LoginsPerIteration => 1;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var population = await MandateSetUp.EnsureAsync(context.Resources, context.CancellationToken);
        var sp = context.Resources.AnyServiceProvider();
        var grantee = population.AnyGrantee();
        var expected = population.GrantorsOf(grantee);
        var (url, requestId) = await SignAsync(context, sp, "sign-authn-request");

        HttpPage page = null!;
        await context.StepAsync("sso", async ct =>
        {
            page = await context.Browser.GetAsync(new Uri(url), ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to MitID");
        });

        page = await MitIdLoginAsync(context, page, grantee.Username);
        page = await CallbackToActAsAsync(context, page, "every grantee holds a mandate for this SP");

        MandateChoice choice = null!;
        ExpectedGrantor chosen = null!;
        await context.StepAsync("act-as-page", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            var offered = MandateChoice.Read(page);
            if (Mismatch(offered, expected) is { } mismatch)
            {
                return StepOutcome.Fail("act-as.mandates", page.Bytes, mismatch);
            }

            choice = offered[Random.Shared.Next(offered.Count)];
            chosen = expected.First(g => g.Name == choice.GrantorName);
            return StepOutcome.Ok(Status(page), page.Bytes);
        });

        var responseXml = await ChooseAsync(context, page, choice.Value);

        var assertion = await ValidateAsync(context, sp, responseXml, requestId, "sp-validate-response");
        await context.StepAsync("sp-check-mandate", _ => Task.FromResult(Check(assertion.Value, chosen)));
    }

    /// <summary>Why the page's mandate options are not exactly the grantors the plan gives (one option per mandate), or null.</summary>
    public static string? Mismatch(IReadOnlyList<MandateChoice> offered, IReadOnlyList<ExpectedGrantor> expected)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(expected);
        var got = offered.Select(c => c.GrantorName).Order(StringComparer.Ordinal).ToList();
        var want = expected.Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
        return got.SequenceEqual(want, StringComparer.Ordinal) ? null
            : $"the page offered mandates from [{string.Join(", ", got)}], the population plan gives [{string.Join(", ", want)}]";
    }

    /// <summary>The SP's check: the person's own (non-professional) NameID, and privileges, all scoped to <paramref name="grantor"/>.</summary>
    public static StepOutcome Check(SamlAssertion assertion, ExpectedGrantor grantor)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(grantor);
        if (assertion.NameId.StartsWith(SamlConstants.OioSaml.ProfessionalNameIdPrefix, StringComparison.Ordinal))
        {
            return StepOutcome.Fail("assertion.professional", reason: $"NameID {assertion.NameId} is a professional identity, not the grantee's own.");
        }

        var (groups, failure) = PrivilegeList.FromAssertion(assertion);
        if (failure is not null)
        {
            return failure;
        }

        return groups!.Count == 0 || groups.Any(g => g.Scope != grantor.Scope || g.Privileges.Count == 0)
            ? StepOutcome.Fail("assertion.wrong-scope", reason: $"scopes [{string.Join(", ", groups.Select(g => g.Scope))}], expected only {grantor.Scope}.")
            : StepOutcome.Ok("mandate");
    }
}
