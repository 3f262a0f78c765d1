using System.Globalization;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.LoadTests.Parties;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// The steps of an SP-initiated SAML login as a browser and an SP make them, each hop its own measured step:
/// the SP signs its AuthnRequest, the browser follows the broker to the MitID simulator, submits the login form,
/// comes back to the broker, and the SP decrypts and validates the posted response.
/// </summary>
public static class SpInitiatedLogin
{
    /// <summary>A full login at <paramref name="sp"/> through the upstream as <paramref name="user"/>.</summary>
    public static async Task<Valid<SamlAssertion>> LogInAsync(ScenarioContext context, VirtualServiceProvider sp, string user)
    {
        ArgumentNullException.ThrowIfNull(context);
        var idp = context.Resources.IdentityProvider;
        var (url, requestId) = await SignAsync(context, sp, "sign-authn-request");

        HttpPage page = null!;
        await context.StepAsync("sso", async ct =>
        {
            page = await context.Browser.GetAsync(new Uri(url), ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to the upstream");
        });

        page = await MitIdLoginAsync(context, page, user);
        string responseXml = null!;
        await context.StepAsync("upstream-callback", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            return TakeResponse(page, out responseXml);
        });

        return await ValidateAsync(context, sp, responseXml, requestId, "sp-validate-response");
    }

    /// <summary>
    /// The simulator's part: follows <paramref name="toSimulator"/> (the broker's redirect) to the login form and logs in
    /// as <paramref name="user"/>; the simulator's redirect back to the broker.
    /// </summary>
    internal static async Task<HttpPage> MitIdLoginAsync(ScenarioContext context, HttpPage toSimulator, string user)
    {
        var page = toSimulator;
        HtmlForm form = null!;
        await context.StepAsync("mitid-authorize", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            form = page.Status == 200 ? HtmlForm.Find(page)! : null!;
            return form is not null && form.Fields.ContainsKey("pending")
                ? StepOutcome.Ok(Status(page), page.Bytes)
                : Unexpected(page, "the simulator's login form");
        });

        await context.StepAsync("mitid-login", async ct =>
        {
            var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal) { ["username"] = user, ["action"] = "login" };
            page = await context.Browser.PostFormAsync(form.Action, fields, ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect back to the broker");
        });

        return page;
    }

    /// <summary>
    /// The broker's callback from MitID (<paramref name="fromSimulator"/>'s redirect), which must send the browser on to
    /// whom-do-you-act-as (<paramref name="why"/> says why the scenario expects the question); the redirect to that page.
    /// </summary>
    internal static async Task<HttpPage> CallbackToActAsAsync(ScenarioContext context, HttpPage fromSimulator, string why)
    {
        var page = fromSimulator;
        await context.StepAsync("upstream-callback", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            return page.IsRedirect && page.Location!.ToString().Contains("/login/act-as/", StringComparison.Ordinal)
                ? StepOutcome.Ok(Status(page), page.Bytes)
                : Unexpected(page, $"a redirect to whom-do-you-act-as ({why})");
        });
        return page;
    }

    /// <summary>Posts <paramref name="value"/> as the act-as page's answer; the SAMLResponse the broker's auto-post page carries.</summary>
    internal static async Task<string> ChooseAsync(ScenarioContext context, HttpPage actAsPage, string value)
    {
        string responseXml = null!;
        await context.StepAsync("act-as-choose", async ct =>
        {
            var form = HtmlForm.Find(actAsPage)!;
            var page = await context.Browser.PostFormAsync(form.Action, new Dictionary<string, string>(form.Fields, StringComparer.Ordinal) { [Professional.ActingAsChoice.Field] = value }, ct);
            return TakeResponse(page, out responseXml);
        });
        return responseXml;
    }

    /// <summary>A login at <paramref name="sp"/> that the browser's session answers at once (single sign-on), with no upstream visit.</summary>
    public static async Task<Valid<SamlAssertion>> SingleSignOnAsync(ScenarioContext context, VirtualServiceProvider sp, string stepPrefix)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (url, requestId) = await SignAsync(context, sp, stepPrefix + "-sign-authn-request");
        string responseXml = null!;
        await context.StepAsync(stepPrefix + "-sso", async ct =>
        {
            var page = await context.Browser.GetAsync(new Uri(url), ct);
            return TakeResponse(page, out responseXml);
        });

        return await ValidateAsync(context, sp, responseXml, requestId, stepPrefix + "-sp-validate-response");
    }

    internal static async Task<(string Url, string RequestId)> SignAsync(ScenarioContext context, VirtualServiceProvider sp, string step, IReadOnlyList<string>? classRefs = null)
    {
        (string Url, string RequestId) signed = default;
        await context.StepAsync(step, async ct =>
        {
            signed = await sp.SignedRequestUrlAsync(context.Resources.IdentityProvider, ct, classRefs);
            return StepOutcome.Ok("signed");
        });
        return signed;
    }

    internal static async Task<Valid<SamlAssertion>> ValidateAsync(ScenarioContext context, VirtualServiceProvider sp, string responseXml, string requestId, string step)
    {
        Valid<SamlAssertion> assertion = null!;
        await context.StepAsync(step, _ =>
        {
            assertion = sp.Validate(responseXml, requestId, context.Resources.IdentityProvider);
            // OIOSAML 3: the level of assurance is an attribute; a response without it is no usable login.
            return Task.FromResult(assertion.Value.Attributes.ContainsKey(SamlConstants.Attributes.Loa)
                ? StepOutcome.Ok("valid")
                : StepOutcome.Fail("assertion.no-loa", reason: "The assertion carries no NSIS level of assurance."));
        });
        return assertion;
    }

    internal static StepOutcome TakeResponse(HttpPage page, out string responseXml)
    {
        responseXml = null!;
        if (page.Status != 200 || HtmlForm.Find(page) is not { } form || !form.Fields.TryGetValue("SAMLResponse", out var encoded))
        {
            return Unexpected(page, "the broker's auto-post form with a SAMLResponse");
        }

        responseXml = PostBinding.Decode(encoded, SamlLimits.Default);
        return StepOutcome.Ok(Status(page), page.Bytes);
    }

    internal static StepOutcome Unexpected(HttpPage page, string expected) =>
        StepOutcome.Fail(page.Describe(), page.Bytes, $"expected {expected}, got {page.Status} from {page.Url.AbsolutePath}");

    internal static string Status(HttpPage page) => page.Status.ToString(CultureInfo.InvariantCulture);
}
