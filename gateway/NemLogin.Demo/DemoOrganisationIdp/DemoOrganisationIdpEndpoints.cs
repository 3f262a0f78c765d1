using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.Upstream.Organisations;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Validation;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Demo.DemoOrganisationIdp;

/// <summary>
/// The demo organisation IdP's endpoints under <c>/demo-org-idp</c>, talking to the broker only through SAML like any
/// organisation's IdP. <c>/metadata</c>: its signed metadata. <c>/sso</c> (HTTP-Redirect): the broker's signed AuthnRequest,
/// checked with the SAML library against the broker's SP metadata (<c>/upstream/org/metadata</c>, read in-process):
/// Issuer, query signature, ID, IssueInstant, Destination and the ACS; then a login form for its one employee.
/// <c>/login</c>: the form's answer, a Response with a signed assertion (persistent NameID, audience the broker's SP
/// entityID, recipient and destination its ACS, InResponseTo, bearer confirmation, Substantial) posted to the ACS,
/// encrypted to the broker's encryption key when its SP metadata offers one.
/// </summary>
internal static class DemoOrganisationIdpEndpoints
{
    private const string LoginPath = DemoOrganisationIdp.BasePath + "/login";
    private static readonly TimeSpan FormLifetime = TimeSpan.FromMinutes(10);

    public static RouteGroupBuilder MapDemoOrganisationIdp(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(DemoOrganisationIdp.BasePath);
        group.MapGet("/metadata", async (DemoOrganisationIdp idp, HttpContext context) =>
            TypedResults.Content(await idp.MetadataAsync(context.RequestAborted), "application/samlmetadata+xml; charset=utf-8"));
        group.MapGet("/sso", SingleSignOnAsync);
        group.MapPost("/login", LoginAsync).DisableAntiforgery();
        return group;
    }

    /// <summary>What the login form carries from the checked request to the answer, data-protected and time-limited.</summary>
    private sealed record PendingRequest(string RequestId, string Audience, string AcsUrl, string? RelayState);

    private static async Task<IResult> SingleSignOnAsync(
        HttpContext context, DemoOrganisationIdp idp, OrganisationIdpServiceProvider broker, DemoOrganisationIdpRegistrar registrar,
        IDataProtectionProvider protection, TimeProvider time, ILogger<DemoOrganisationIdp> logger)
    {
        await registrar.Registered;
        try
        {
            var message = RedirectBinding.Decode(context.Request.QueryString.Value ?? string.Empty, SamlLimits.Default);
            var request = AuthnRequestXml.Read(message.Xml, SamlLimits.Default);
            // Like any IdP, trust in the broker comes from its SP metadata (here read in-process rather than fetched).
            var brokerSp = MetadataReader.ReadServiceProvider(await broker.MetadataAsync(context.RequestAborted), SamlLimits.Default);
            if (request.Message.Issuer != brokerSp.EntityId)
            {
                throw new SamlException(SamlErrorCode.IssuerMismatch, "The request's Issuer is not the broker's SP entityID.");
            }

            var verdict = AuthnRequestValidator.ValidateRedirect(message, request, new AuthnRequestValidationContext
            {
                IdentityProviderEntityId = idp.EntityId,
                SingleSignOnUrls = [idp.SsoUrl],
                TrustedSigningCertificates = brokerSp.SigningCertificates,
                RegisteredAssertionConsumerServices = brokerSp.AssertionConsumerServices,
                Now = time.GetUtcNow(),
            });
            return await verdict.Match(
                accepted => Task.FromResult(LoginForm(context, Protect(protection, new PendingRequest(
                    accepted.Value.Request.Id, brokerSp.EntityId, accepted.Value.AssertionConsumerServiceUrl, accepted.Value.RelayState)), wrongEmail: false)),
                async refused =>
                {
                    // Trusted, but asking for what this IdP cannot give: a signed status Response to the broker's ACS.
                    var r = refused.Value;
                    Log.DemoOrganisationIdpRefused(logger, r.Reason.ToString(), r.StatusMessage);
                    var xml = await ResponseXml.WriteErrorAsync(NewId(), idp.EntityId, r.AssertionConsumerServiceUrl, r.Request.Id, time.GetUtcNow(),
                        r.StatusCode, r.SubStatusCode, r.StatusMessage, idp.Signer, context.RequestAborted);
                    return PostBindingPage.ShowMessage(context, r.AssertionConsumerServiceUrl, "SAMLResponse", xml, r.RelayState);
                });
        }
        catch (SamlException ex)
        {
            return Refused(context, logger, ex.Code.ToString(), ex.Message);
        }
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, DemoOrganisationIdp idp, OrganisationIdpServiceProvider broker, IDataProtectionProvider protection, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var state = form["state"].ToString();
        if (Unprotect(protection, state) is not { } pending)
        {
            return Result(context, "Demo Erhverv ApS: login expired",
                "<h1>This login has expired</h1><p>Start again from the service you came from.</p>", StatusCodes.Status400BadRequest);
        }

        if (!string.Equals(form["email"].ToString().Trim(), DemoOrganisationIdp.EmployeeEmail, StringComparison.OrdinalIgnoreCase))
        {
            return LoginForm(context, state, wrongEmail: true);
        }

        var now = time.GetUtcNow();
        var assertion = new AssertionDescriptor
        {
            Issuer = idp.EntityId,
            Audience = pending.Audience,
            Recipient = pending.AcsUrl,
            InResponseTo = pending.RequestId,
            NameId = DemoOrganisationIdp.EmployeeNameId,
            NameIdFormat = SamlConstants.NameIdFormats.Persistent,
            SessionIndex = NewId(),
            IssueInstant = now,
            AuthnInstant = now,
            SessionNotOnOrAfter = now.AddHours(1),
            AuthnContextClassRef = SamlConstants.OioSaml.LoaSubstantial,
            Attributes =
            [
                new SamlAttribute(SamlConstants.Attributes.Loa, ["Substantial"]),
                new SamlAttribute(SamlConstants.Attributes.FirstName, [DemoOrganisationIdp.EmployeeFirstName]),
                new SamlAttribute(SamlConstants.Attributes.LastName, [DemoOrganisationIdp.EmployeeLastName]),
                new SamlAttribute(SamlConstants.Attributes.Email, [DemoOrganisationIdp.EmployeeEmail]),
            ],
        };
        var brokerSp = MetadataReader.ReadServiceProvider(await broker.MetadataAsync(context.RequestAborted), SamlLimits.Default);
        var xml = DemoOrganisationIdp.EncryptionFor(brokerSp) is { } encryption
            ? await ResponseXml.WriteSuccessAsync(NewId(), assertion, encryption, idp.Signer, signResponse: false, context.RequestAborted)
            : await ResponseXml.WriteSuccessUnencryptedAsync(NewId(), assertion, idp.Signer, context.RequestAborted);
        return PostBindingPage.ShowMessage(context, pending.AcsUrl, "SAMLResponse", xml, pending.RelayState);
    }

    /// <summary>The employee's login: one labelled field, no JavaScript; the broker's request travels in a protected field.</summary>
    private static IResult LoginForm(HttpContext context, string state, bool wrongEmail)
    {
        var error = wrongEmail
            ? """<p class="error" role="alert" id="email-error">This identity provider knows no employee with that e-mail address.</p>"""
            : string.Empty;
        var body = $"""
            <h1>Demo Erhverv ApS</h1>
            <p>The organisation's own login (a demo SAML identity provider, DEMO ONLY). It knows one employee:
            <span class="code">{E(DemoOrganisationIdp.EmployeeEmail)}</span>.</p>
            {error}
            <form method="post" action="{LoginPath}">
            <input type="hidden" name="state" value="{E(state)}">
            <p><label for="email">Work e-mail address</label><br>
            <input id="email" name="email" type="email" autocomplete="username" size="40" required{(wrongEmail ? " aria-invalid=\"true\" aria-describedby=\"email-error\"" : string.Empty)}></p>
            <p><button type="submit">Log in</button></p>
            </form>
            """;
        return Result(context, "Demo Erhverv ApS: log in", body, wrongEmail ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    // A request this IdP cannot trust gets no answer at any ACS: an error page, as the broker gives untrusted SPs.
    private static IResult Refused(HttpContext context, ILogger logger, string code, string reason)
    {
        Log.DemoOrganisationIdpRefused(logger, code, reason);
        return Result(context, "Demo Erhverv ApS: request refused",
            $"""<h1>Request refused</h1><p>The demo organisation IdP did not accept the request: <span class="code" id="demo-org-idp-error">{E(code)}</span></p>""",
            StatusCodes.Status400BadRequest);
    }

    private static string NewId() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector("demo-org-idp", "login-form").ToTimeLimitedDataProtector();

    private static string Protect(IDataProtectionProvider protection, PendingRequest pending) =>
        Protector(protection).Protect(JsonSerializer.Serialize(pending), FormLifetime);

    private static PendingRequest? Unprotect(IDataProtectionProvider protection, string state)
    {
        try
        {
            return state.Length == 0 ? null : JsonSerializer.Deserialize<PendingRequest>(Protector(protection).Unprotect(state));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
