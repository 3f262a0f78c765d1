using System.Net;
using System.Xml;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Signatures;
using A = NemLogin.Saml.SamlConstants.Attributes;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>Per-SP policy set through <c>PUT …/policy</c> decides what the very next login of that SP gets.</summary>
[Collection(AdminCollection.Name)]
public sealed class PolicyTests(AdminFixture fixture)
{
    private const string AliceCpr = "1203859901";

    [Fact]
    public async Task Policy_SsoDisallowed_UpstreamLoginEveryTimeWhileOthersGetSso()
    {
        var strict = await RegisterAsync("no-sso");
        var relaxed = await RegisterAsync("sso");
        await PutPolicyAsync(strict, Policy() with { AllowSso = false });
        using var browser = new TestBrowser();
        await LoginAsync(browser, strict);

        var relaxedSecond = await LoginAsync(browser, relaxed);
        var strictSecond = await LoginAsync(browser, strict);

        Assert.False(relaxedSecond.Outcome.SawLoginPage);
        Assert.True(strictSecond.Outcome.SawLoginPage);
    }

    [Fact]
    public async Task Policy_IsPassiveWhileSsoDisallowed_NoPassive()
    {
        var strict = await RegisterAsync("no-sso-passive");
        await PutPolicyAsync(strict, Policy() with { AllowSso = false });
        using var browser = new TestBrowser();
        await LoginAsync(browser, strict);

        var request = strict.NewRequest(fixture.SsoUrl, isPassive: true);
        var outcome = await SamlLoginWalk.RunAsync(browser, await strict.RedirectUrlAsync(fixture.SsoUrl, request));

        Assert.Equal(SamlConstants.StatusCodes.NoPassive, ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message.SubStatusCode);
    }

    [Fact]
    public async Task Policy_SignResponse_ResponseSignatureVerifiesWithIdpCertificate()
    {
        var signed = await RegisterAsync("signed-response");
        var plain = await RegisterAsync("plain-response");
        await PutPolicyAsync(signed, Policy() with { SignResponse = true });
        using var browser = new TestBrowser();

        var withSignature = await LoginAsync(browser, signed);
        var withoutSignature = await LoginAsync(browser, plain);

        Assert.True(XmlSignatureVerifier.HasSignature(Root(withSignature.Outcome.ResponseXml)));
        XmlSignatureVerifier.Verify(Root(withSignature.Outcome.ResponseXml), fixture.IdpMetadata.SigningCertificates, SignaturePolicy.Default, DateTimeOffset.UtcNow);
        signed.Validate(withSignature.Outcome.ResponseXml, withSignature.RequestId, fixture.IdpMetadata);
        Assert.False(XmlSignatureVerifier.HasSignature(Root(withoutSignature.Outcome.ResponseXml)));
    }

    [Fact]
    public async Task Policy_NameIdTransient_FreshTransientNameIdDespitePersistentRequest()
    {
        var sp = await RegisterAsync("transient");
        await PutPolicyAsync(sp, Policy() with { NameIdFormat = SamlConstants.NameIdFormats.Transient });
        using var browser = new TestBrowser();

        var first = await LoginAsync(browser, sp);
        var second = await LoginAsync(browser, sp);

        Assert.Equal(SamlConstants.NameIdFormats.Transient, first.Assertion.NameIdFormat);
        Assert.NotEqual(first.Assertion.NameId, second.Assertion.NameId);
    }

    [Fact]
    public async Task Policy_CprEntitlementToggled_CprNumberFollows()
    {
        var sp = await RegisterAsync("cpr");
        using var browser = new TestBrowser();

        await PutPolicyAsync(sp, Policy() with { CprEntitled = true });
        var entitled = await LoginAsync(browser, sp);
        await PutPolicyAsync(sp, Policy() with { CprEntitled = false });
        var withdrawn = await LoginAsync(browser, sp);

        Assert.Equal([AliceCpr], entitled.Assertion.Attributes[A.CprNumber]);
        Assert.False(withdrawn.Assertion.Attributes.ContainsKey(A.CprNumber));
    }

    [Fact]
    public async Task Policy_CprEntitledButAttributeNotAllowed_CprNumberWithheld()
    {
        var sp = await RegisterAsync("cpr-not-allowed");
        await PutPolicyAsync(sp, Policy() with { CprEntitled = true, AllowedAttributes = [A.FullName] });
        using var browser = new TestBrowser();

        var outcome = await LoginAsync(browser, sp);

        Assert.False(outcome.Assertion.Attributes.ContainsKey(A.CprNumber));
        Assert.False(outcome.Assertion.Attributes.ContainsKey(A.DateOfBirth));
        Assert.True(outcome.Assertion.Attributes.ContainsKey(A.FullName));
    }

    [Fact]
    public async Task Policy_MinimumLoaHigh_SubstantialUserGetsNoAuthnContext()
    {
        var sp = await RegisterAsync("loa-high");
        await PutPolicyAsync(sp, Policy() with { MinimumLoa = "High" });
        using var browser = new TestBrowser();

        var request = sp.NewRequest(fixture.SsoUrl, SamlConstants.OioSaml.LoaLow);
        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request), "alice");

        Assert.Equal(SamlConstants.StatusCodes.NoAuthnContext, ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message.SubStatusCode);
    }

    [Fact]
    public async Task Policy_EncryptionCbc_ResponseUsesCbcAndSpDecrypts()
    {
        var sp = await RegisterAsync("cbc");
        await PutPolicyAsync(sp, Policy() with
        {
            DataEncryptionAlgorithm = SamlConstants.Algorithms.Aes256Cbc,
            KeyTransportAlgorithm = SamlConstants.Algorithms.RsaOaepMgf1p,
        });
        using var browser = new TestBrowser();

        var outcome = await LoginAsync(browser, sp);

        Assert.Contains($"Algorithm=\"{SamlConstants.Algorithms.Aes256Cbc}\"", outcome.Outcome.ResponseXml, StringComparison.Ordinal);
        Assert.DoesNotContain(SamlConstants.Algorithms.Aes256Gcm, outcome.Outcome.ResponseXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_EveryAttributeAllowed_AssertionCarriesExactlyWhatIdpMetadataOffers()
    {
        // SAML Metadata 2.4.3: the metadata tells the truth both ways: nothing offered that is never issued, nothing issued
        // that is not offered, for an SP entitled to everything.
        var sp = await RegisterAsync("everything");
        await PutPolicyAsync(sp, Policy() with { AllowedAttributes = [.. SamlConstants.Attributes.Known], CprEntitled = true });
        using var http = new HttpClient();
        var metadata = new XmlDocument();
        metadata.LoadXml(await http.GetStringAsync(fixture.BaseUrl + "/saml/metadata", TestContext.Current.CancellationToken));
        var offered = metadata.GetElementsByTagName("Attribute", SamlConstants.Namespaces.Assertion)
            .Cast<XmlElement>().Select(a => a.GetAttribute("Name")).Order(StringComparer.Ordinal);
        using var browser = new TestBrowser();

        var login = await LoginAsync(browser, sp);

        // A citizen's login carries every citizen attribute offered; the rest offered are exactly the Professional profile's
        // (ProfessionalLoginTests and the node-saml interop test see those issued).
        string[] professional =
        [
            SamlConstants.Attributes.ProfessionalUuid, SamlConstants.Attributes.Cvr, SamlConstants.Attributes.OrgName,
            SamlConstants.Attributes.ProductionUnit, SamlConstants.Attributes.SeNumber, SamlConstants.Attributes.PrivilegesIntermediate,
        ];
        Assert.Equal(offered, login.Assertion.Attributes.Keys.Concat(professional).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Policy_MetadataPostedAgain_PolicyKept()
    {
        var sp = await RegisterAsync("kept");
        await PutPolicyAsync(sp, Policy() with { CprEntitled = true, SignResponse = true, AllowSso = false });

        await fixture.Admin.RegisterAsync(sp.Metadata());
        var policy = await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId, "policy"));

        Assert.True(policy.Json["cprEntitled"]!.GetValue<bool>());
        Assert.True(policy.Json["signResponse"]!.GetValue<bool>());
        Assert.False(policy.Json["allowSso"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("attribute", "admin.policy.attribute-unknown")]
    [InlineData("loa", "admin.policy.loa-invalid")]
    [InlineData("nameid", "admin.policy.nameid-format-unsupported")]
    [InlineData("encryption", "admin.policy.encryption-unsupported")]
    [InlineData("attributes-missing", "admin.policy.attributes-missing")]
    public async Task Policy_Defective_RefusedWithCodeAndUnchanged(string defect, string code)
    {
        var sp = await RegisterAsync("bad-policy-" + defect);
        var before = await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId, "policy"));
        var policy = defect switch
        {
            "attribute" => Policy() with { AllowedAttributes = ["https://data.gov.dk/model/core/eid/shoeSize"] },
            "loa" => Policy() with { MinimumLoa = "None" },
            "nameid" => Policy() with { NameIdFormat = SamlConstants.NameIdFormats.Unspecified },
            "encryption" => Policy() with { DataEncryptionAlgorithm = SamlConstants.Algorithms.Aes256Cbc },
            _ => Policy() with { AllowedAttributes = null },
        };

        var reply = await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "policy"), policy);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(code, reply.ProblemCode);
        Assert.Equal(before.Body, (await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId, "policy"))).Body);
    }

    [Fact]
    public async Task Policy_UnknownSp_NotFound()
    {
        var reply = await fixture.Admin.PutJsonAsync(AdminClient.SpPath("https://never-registered.example.dk/saml", "policy"), Policy());

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("admin.sp-unknown", reply.ProblemCode);
    }

    [Fact]
    public async Task Policy_NotJson_UnsupportedMediaType()
    {
        var sp = await RegisterAsync("policy-media");

        var reply = await fixture.Admin.SendAsync(HttpMethod.Put, AdminClient.SpPath(sp.EntityId, "policy"), new StringContent("cprEntitled=true"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
    }

    private static PolicyBody Policy() => new(
        [A.SpecVersion, A.Loa, A.FullName, A.CprNumber, A.DateOfBirth], false, "Substantial", null, null, null, false, true);

    private async Task<TestServiceProvider> RegisterAsync(string label)
    {
        var sp = AdminFixture.NewServiceProvider(label);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.RegisterAsync(sp.Metadata())).Status);
        return sp;
    }

    private async Task PutPolicyAsync(TestServiceProvider sp, PolicyBody policy)
    {
        var reply = await fixture.Admin.PutJsonAsync(AdminClient.SpPath(sp.EntityId, "policy"), policy);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
    }

    private async Task<(SamlLoginWalk.Outcome Outcome, SamlAssertion Assertion, string RequestId)> LoginAsync(TestBrowser browser, TestServiceProvider sp)
    {
        var request = sp.NewRequest(fixture.SsoUrl);
        var outcome = await SamlLoginWalk.RunAsync(browser, await sp.RedirectUrlAsync(fixture.SsoUrl, request));
        return (outcome, sp.Validate(outcome.ResponseXml, request.Id, fixture.IdpMetadata).Value, request.Id);
    }

    private static XmlElement Root(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document.DocumentElement!;
    }

    private sealed record PolicyBody(
        IReadOnlyList<string>? AllowedAttributes,
        bool CprEntitled,
        string MinimumLoa,
        string? NameIdFormat,
        string? DataEncryptionAlgorithm,
        string? KeyTransportAlgorithm,
        bool SignResponse,
        bool AllowSso);
}
