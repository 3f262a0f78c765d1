using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using NemLogin.Gateway.Saml;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Demo.DemoSp;

/// <summary>
/// A service provider under <c>/demo-sp</c> that talks to the broker only through SAML, like any other SP: it signs
/// its AuthnRequest, and validates, decrypts and shows the response with the project's SAML library.
/// </summary>
internal static class DemoSpEndpoints
{
    public static RouteGroupBuilder MapDemoSp(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/demo-sp");
        group.MapGet("/", Home);
        group.MapGet("/metadata", (DemoServiceProvider sp) => TypedResults.Content(sp.Metadata(), "application/samlmetadata+xml; charset=utf-8"));
        group.MapGet("/login", LoginAsync);
        group.MapPost("/acs", AcsAsync).DisableAntiforgery();
        group.MapGet("/logout", DemoSpLogout.LogoutAsync);
        group.MapGet("/slo", DemoSpLogout.SingleLogoutAsync);
        return group;
    }

    private static IResult Home(HttpContext context, IDataProtectionProvider protection)
    {
        var login = DemoSpCookies.Read<DemoLogin>(context, protection, DemoSpCookies.User);
        string body;
        if (login is null)
        {
            body = """
                <h1>Demo service provider</h1>
                <p>You are not logged in. This service provider sends a signed SAML AuthnRequest to the NemLogin.Orleans broker.</p>
                <form method="get" action="/demo-sp/login"><button type="submit" name="loa" value="Substantial">Log in</button>
                <button type="submit" name="loa" value="High">Log in with level High</button>
                <button type="submit" name="force" value="true">Log in again (ForceAuthn)</button>
                <button type="submit" name="passive" value="true">Try a passive login</button>
                <button type="submit" name="profile" value="professional">Log in as an employee (Professional)</button></form>
                <p>Test users at the MitID simulator: <span class="code">alice</span> (Substantial), <span class="code">bent</span> (High), <span class="code">carl</span> (Low), <span class="code">dorte</span> (Substantial).
                <span class="code">bent</span> is also an employee of the demo organisation with a right at this service; <span class="code">alice</span> is no one's employee.</p>
                """;
        }
        else
        {
            var rows = string.Concat(login.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a =>
                $"""<tr><th data-attribute="{E(a.Key)}">{E(a.Key)}</th><td>{E(string.Join(", ", a.Value))}</td></tr>"""));
            body = $"""
                <h1>Demo service provider: logged in</h1>
                <p>NameID <span class="code" id="name-id">{E(login.NameId)}</span></p>
                <p>Authenticated at {E(login.AuthnInstant.ToString("u"))} by {E(string.Join(", ", login.AuthenticatingAuthorities))}; session index <span class="code">{E(login.SessionIndex)}</span>.</p>
                <h2>Attributes received</h2><table id="attributes">{rows}</table>
                {Privileges(login)}
                <p><a class="button" href="/demo-sp/logout">Log out</a> <a class="button" href="/demo-sp/login?force=true">Log in again</a></p>
                """;
        }

        var loggedOut = context.Request.Query["logout"].ToString();
        if (loggedOut.Length > 0)
        {
            body += $"""<p>Single logout through the broker: <span class="code" id="demo-logout">{E(loggedOut)}</span></p>""";
        }

        var error = context.Request.Query["error"].ToString();
        if (error.Length > 0)
        {
            body += $"""<div class="error"><p>The broker's answer: <span class="code" id="demo-error">{E(error)}</span></p></div>""";
        }

        return Result(context, "Demo service provider", body);
    }

    /// <summary>The OIO Basic Privilege Profile document of a professional login, decoded for people to read.</summary>
    private static string Privileges(DemoLogin login)
    {
        if (!login.Attributes.TryGetValue(SamlConstants.Attributes.PrivilegesIntermediate, out var values) || values.Count == 0)
        {
            return string.Empty;
        }

        try
        {
            var xml = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(values[0]));
            return $"""<h2>Privileges (OIO Basic Privilege Profile)</h2><pre id="privileges">{E(xml)}</pre>""";
        }
        catch (FormatException)
        {
            return """<p class="error">The privileges attribute is not base64.</p>""";
        }
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, DemoServiceProvider sp, DemoSpKeys keys, DemoSpRegistrar registrar, IdentityProviderInfo idp,
        IDataProtectionProvider protection, TimeProvider time)
    {
        await registrar.Registered;
        var loa = context.Request.Query["loa"].ToString() == "High" ? SamlConstants.OioSaml.LoaHigh : SamlConstants.OioSaml.LoaSubstantial;
        var request = new AuthnRequest
        {
            Id = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            IssueInstant = time.GetUtcNow(),
            Destination = idp.SingleSignOnUrl,
            Issuer = sp.EntityId,
            AssertionConsumerServiceUrl = sp.AcsUrl,
            ProtocolBinding = SamlConstants.Bindings.HttpPost,
            ForceAuthn = context.Request.Query["force"] == "true",
            IsPassive = context.Request.Query["passive"] == "true",
            NameIdPolicyFormat = SamlConstants.NameIdFormats.Persistent,
            AllowCreate = true,
            RequestedAuthnContext = new RequestedAuthnContext("minimum", context.Request.Query["profile"] == "professional"
                ? [loa, SamlConstants.OioSaml.ProfileProfessional]
                : [loa]),
        };
        DemoSpCookies.Write(context, protection, DemoSpCookies.Pending, request.Id);
        var url = await RedirectBinding.BuildUrlAsync(
            idp.SingleSignOnUrl, "SAMLRequest", AuthnRequestXml.Write(request), "demo", new RsaSamlSigner(keys.Certificate), context.RequestAborted);
        return TypedResults.Redirect(url);
    }

    private static async Task<IResult> AcsAsync(
        HttpContext context, DemoServiceProvider sp, DemoSpKeys keys, IdpMetadataService idpMetadata,
        IDataProtectionProvider protection, TimeProvider time, ILogger<DemoServiceProvider> logger)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var pendingId = DemoSpCookies.Read<string>(context, protection, DemoSpCookies.Pending);
        DemoSpCookies.Delete(context, DemoSpCookies.Pending);
        try
        {
            var xml = PostBinding.Decode(form["SAMLResponse"].ToString(), SamlLimits.Default);
            // Like any SP, trust comes from the IdP's metadata (here read in-process rather than fetched).
            var idp = MetadataReader.ReadIdentityProvider(await idpMetadata.GetAsync(context.RequestAborted), SamlLimits.Default);
            var valid = ResponseValidator.Validate(xml, new ResponseValidationContext
            {
                ServiceProviderEntityId = sp.EntityId,
                AssertionConsumerServiceUrl = sp.AcsUrl,
                ExpectedInResponseTo = pendingId,
                IdentityProviderEntityId = idp.EntityId,
                IdentityProviderSigningCertificates = idp.SigningCertificates,
                DecryptionCertificates = [keys.Certificate],
                Now = time.GetUtcNow(),
            }, SamlLimits.Default);
            var a = valid.Value;
            DemoSpCookies.Write(context, protection, DemoSpCookies.User, new DemoLogin(a.NameId, a.NameIdFormat, a.SessionIndex, a.AuthnInstant, a.AuthenticatingAuthorities, a.Attributes));
            return TypedResults.Redirect("/demo-sp/");
        }
        catch (SamlException ex)
        {
            Log.DemoSpRefused(logger, ex.Code.ToString(), ex.Message);
            return TypedResults.Redirect("/demo-sp/?error=" + Uri.EscapeDataString($"{ex.Code}: {ex.Message}"));
        }
    }
}
