using System.Security.Cryptography;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signing;
using NemLogin.Saml.Validation;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// A test service provider that takes part in single logout: it registers an SLO endpoint (or none), logs in through the
/// broker, sends signed LogoutRequests, receives the broker's LogoutRequests and LogoutResponses and answers them, all with
/// the project's SAML library and its own keys.
/// </summary>
public sealed class SloServiceProvider
{
    public SloServiceProvider(string name, string? sloBinding, string? responseLocation = null)
    {
        EntityId = $"https://{name}.test/saml";
        SloUrl = $"https://{name}.test/saml/slo";
        SloBinding = sloBinding;
        ResponseLocation = responseLocation;
        Sp = new TestServiceProvider(EntityId, $"https://{name}.test/saml/acs");
    }

    public string EntityId { get; }

    public string SloUrl { get; }

    public string? SloBinding { get; }

    public string? ResponseLocation { get; }

    /// <summary>The login side: keys, AuthnRequests, assertion validation.</summary>
    public TestServiceProvider Sp { get; }

    private ISamlSigner Signer => new RsaSamlSigner(Sp.Certificate);

    public string Metadata() => MetadataWriter.WriteServiceProvider(new ServiceProviderDescriptor
    {
        EntityId = EntityId,
        SigningCertificate = Sp.Certificate,
        EncryptionCertificate = Sp.Certificate,
        AssertionConsumerServices = [new EndpointInfo(SamlConstants.Bindings.HttpPost, Sp.AcsUrl, 0, true)],
        SingleLogoutServices = SloBinding is null ? [] : [new EndpointInfo(SloBinding, SloUrl, 0, false) { ResponseLocation = ResponseLocation }],
        RequestedAttributes = [new RequestedAttributeInfo(SamlConstants.Attributes.SpecVersion, true)],
        ServiceName = "SLO test SP " + EntityId,
    });

    public void WriteMetadataTo(string directory) =>
        File.WriteAllText(Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(EntityId)))[..16] + ".xml"), Metadata());

    /// <summary>Logs in (or single-signs-on) in <paramref name="browser"/> and keeps what logout needs from the assertion.</summary>
    public async Task<SpSession> LogInAsync(TestBrowser browser, SloBroker broker, string user = "alice")
    {
        var request = Sp.NewRequest(broker.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await Sp.RedirectUrlAsync(broker.SsoUrl, request), user);
        var assertion = Sp.Validate(outcome.ResponseXml, request.Id, broker.IdpMetadata).Value;
        return new SpSession(assertion.NameId, assertion.NameIdFormat, assertion.SessionIndex!);
    }

    public LogoutRequest NewLogoutRequest(SloBroker broker, SpSession session) => new()
    {
        IssueInstant = DateTimeOffset.UtcNow,
        Destination = broker.SloUrl,
        Issuer = EntityId,
        Reason = "urn:oasis:names:tc:SAML:2.0:logout:user",
        NameId = session.NameId,
        NameIdFormat = session.NameIdFormat,
        SessionIndexes = [session.SessionIndex],
    };

    public Task<string> RedirectUrlAsync(SloBroker broker, LogoutRequest request, string? relayState = null) =>
        RedirectBinding.BuildUrlAsync(broker.SloUrl, "SAMLRequest", LogoutRequestXml.Write(request), relayState, Signer, TestContext.Current.CancellationToken);

    public async Task<Dictionary<string, string>> PostFormAsync(LogoutRequest request, string? relayState = null) =>
        Form("SAMLRequest", await LogoutRequestXml.WriteSignedAsync(request, Signer, TestContext.Current.CancellationToken), relayState);

    /// <summary>The broker's LogoutRequest as it reaches this SP's SLO endpoint (a redirect there, or a form posting there), validated.</summary>
    public ValidatedLogoutRequest ReceiveRequest(Hop hop, SloBroker broker)
    {
        if (hop.IsRedirect)
        {
            Assert.Equal(SloUrl, hop.Location!.GetLeftPart(UriPartial.Path));
            var message = RedirectBinding.Decode(hop.Location.Query, SamlLimits.Default);
            return LogoutRequestValidator.ValidateRedirect(message, LogoutRequestXml.Read(message.Xml, SamlLimits.Default), Context(broker)).Value;
        }

        var form = hop.Page.Form();
        Assert.Equal(SloUrl, form.Action);
        form.Fields.TryGetValue("RelayState", out var relayState);
        var xml = PostBinding.Decode(form.Fields["SAMLRequest"], SamlLimits.Default);
        return LogoutRequestValidator.ValidatePost(LogoutRequestXml.Read(xml, SamlLimits.Default), relayState, Context(broker)).Value;
    }

    public LogoutResponse Answer(SloBroker broker, ValidatedLogoutRequest request, string status = SamlConstants.StatusCodes.Success) => new()
    {
        InResponseTo = request.Request.Id,
        IssueInstant = DateTimeOffset.UtcNow,
        Destination = broker.SloUrl,
        Issuer = EntityId,
        StatusCode = status,
    };

    public Task<string> AnswerRedirectUrlAsync(SloBroker broker, LogoutResponse response, string? relayState = null) =>
        RedirectBinding.BuildUrlAsync(broker.SloUrl, "SAMLResponse", LogoutResponseXml.Write(response), relayState, Signer, TestContext.Current.CancellationToken);

    public async Task<Dictionary<string, string>> AnswerPostFormAsync(LogoutResponse response, string? relayState = null) =>
        Form("SAMLResponse", await LogoutResponseXml.WriteSignedAsync(response, Signer, TestContext.Current.CancellationToken), relayState);

    /// <summary>The broker's LogoutResponse as it reaches <paramref name="at"/> (this SP's SLO URL unless given), validated.</summary>
    public ValidatedLogoutResponse ReceiveResponse(Hop hop, SloBroker broker, string expectedInResponseTo, string? at = null)
    {
        var url = at ?? SloUrl;
        var context = Context(broker) with { Destinations = [url] };
        if (hop.IsRedirect)
        {
            Assert.Equal(url, hop.Location!.GetLeftPart(UriPartial.Path));
            var message = RedirectBinding.Decode(hop.Location.Query, SamlLimits.Default);
            return LogoutResponseValidator.ValidateRedirect(
                message, LogoutResponseXml.Read(message.Xml, SamlLimits.Default), expectedInResponseTo, context).Value;
        }

        var form = hop.Page.Form();
        Assert.Equal(url, form.Action);
        form.Fields.TryGetValue("RelayState", out var relayState);
        var xml = PostBinding.Decode(form.Fields["SAMLResponse"], SamlLimits.Default);
        return LogoutResponseValidator.ValidatePost(LogoutResponseXml.Read(xml, SamlLimits.Default), relayState, expectedInResponseTo, context).Value;
    }

    private LogoutValidationContext Context(SloBroker broker) => new()
    {
        ExpectedIssuer = broker.IdpMetadata.EntityId,
        Destinations = [SloUrl],
        TrustedSigningCertificates = broker.IdpMetadata.SigningCertificates,
        Now = DateTimeOffset.UtcNow,
    };

    private static Dictionary<string, string> Form(string parameter, string xml, string? relayState)
    {
        var fields = new Dictionary<string, string> { [parameter] = PostBinding.Encode(xml) };
        if (relayState is not null)
        {
            fields["RelayState"] = relayState;
        }

        return fields;
    }
}
