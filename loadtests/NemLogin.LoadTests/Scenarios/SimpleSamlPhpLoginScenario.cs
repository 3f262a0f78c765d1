using System.Globalization;
using NemLogin.LoadTests.Engine;
using NemLogin.LoadTests.Http;
using NemLogin.LoadTests.Metrics;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;

namespace NemLogin.LoadTests.Scenarios;

/// <summary>
/// The same SP-initiated login as <see cref="SamlLoginScenario"/>, against SimpleSAMLphp 1.19 as the IdP (the reference
/// a deployment would otherwise pick; set up by <c>loadtests/reference-idp/run-simplesamlphp.sh</c>): the SP signs its
/// AuthnRequest, the browser walks SimpleSAMLphp's username/password form, and the SP decrypts and validates the
/// posted response with the same <c>NemLogin.Saml</c> validator. SimpleSAMLphp authenticates locally: there is no
/// upstream round trip.
/// </summary>
public sealed class SimpleSamlPhpLoginScenario : ILoadScenario
{
    public const string ScenarioName = "saml-login-ssp";

    /// <summary>The password of every test user in the reference IdP's <c>authsources.php</c>.</summary>
    public const string Password = "test";

    public string Name => ScenarioName;

    public string Description => "Reference IdP: the same SP-initiated SAML login against SimpleSAMLphp (signed AuthnRequest, its login form, response decrypted and validated)";

    public int LoginsPerIteration => 1;

    public async Task RunAsync(ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sp = context.Resources.AnyServiceProvider();
        var idp = context.Resources.IdentityProvider;

        string url = null!, requestId = null!;
        await context.StepAsync("sign-authn-request", async ct =>
        {
            (url, requestId) = await sp.SignedRequestUrlAsync(idp, ct);
            return StepOutcome.Ok("signed");
        });

        HttpPage page = null!;
        await context.StepAsync("ssp-sso", async ct =>
        {
            page = await context.Browser.GetAsync(new Uri(url), ct);
            return page.IsRedirect ? StepOutcome.Ok(Status(page), page.Bytes) : Unexpected(page, "a redirect to the login form");
        });

        HtmlForm form = null!;
        await context.StepAsync("ssp-login-form", async ct =>
        {
            page = await context.Browser.GetAsync(page.Location!, ct);
            form = page.Status == 200 ? HtmlForm.Find(page)! : null!;
            return form is not null && form.Fields.ContainsKey("AuthState")
                ? StepOutcome.Ok(Status(page), page.Bytes)
                : Unexpected(page, "SimpleSAMLphp's username/password form");
        });

        string responseXml = null!;
        await context.StepAsync("ssp-login", async ct =>
        {
            var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal)
            {
                ["username"] = context.Resources.AnyUser(),
                ["password"] = Password,
            };
            page = await context.Browser.PostFormAsync(form.Action, fields, ct);
            return TakeResponse(page, out responseXml);
        });

        await context.StepAsync("sp-validate-response", _ =>
        {
            var assertion = sp.Validate(responseXml, requestId, idp);
            return Task.FromResult(assertion.Value.Attributes.ContainsKey(SamlConstants.Attributes.Loa)
                ? StepOutcome.Ok("valid")
                : StepOutcome.Fail("assertion.no-loa", reason: "The assertion carries no NSIS level of assurance."));
        });
    }

    private static StepOutcome TakeResponse(HttpPage page, out string responseXml)
    {
        responseXml = null!;
        if (page.Status != 200 || HtmlForm.Find(page) is not { } form || !form.Fields.TryGetValue("SAMLResponse", out var encoded))
        {
            return Unexpected(page, "SimpleSAMLphp's auto-post form with a SAMLResponse");
        }

        responseXml = PostBinding.Decode(encoded, SamlLimits.Default);
        return StepOutcome.Ok(Status(page), page.Bytes);
    }

    private static StepOutcome Unexpected(HttpPage page, string expected) =>
        StepOutcome.Fail(page.Describe(), page.Bytes, $"expected {expected}, got {page.Status} from {page.Url.AbsolutePath}");

    private static string Status(HttpPage page) => page.Status.ToString(CultureInfo.InvariantCulture);
}
