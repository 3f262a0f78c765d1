using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Admin;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Signing;
using NemLogin.Saml;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Metadata;
using NemLogin.Saml.Signatures;
using NemLogin.Saml.Signing;
using Xunit;
using static NemLogin.Gateway.Tests.Admin.OrganisationApi;

namespace NemLogin.Gateway.Tests.OrganisationIdp;

/// <summary>
/// Organisations' own IdPs encrypting their assertions to the broker (docs/security.md, organisations' own IdPs): the
/// encryption key in <c>/upstream/org/metadata</c> is the signer pool's; a login with an encrypted assertion — written by
/// the test from the specification or by xmlsec1 — ends with the employee's session; every refusal (tampering, another
/// recipient, RSA 1.5, CBC, a forged or missing inner signature, wrapping across the decryption boundary, a second
/// assertion inside, oversize, replay) answers the SP AuthnFailed, leaves no business identity and is audited with its code.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class EncryptedAssertionTests(AdminFixture fixture)
{
    private IGrainFactory Grains => fixture.Broker.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Metadata_EncryptionKeyDescriptorIsThePoolsCertificate_SigningKeyStays()
    {
        using var http = new HttpClient();
        var xml = await http.GetStringAsync(fixture.BaseUrl + "/upstream/org/metadata", TestContext.Current.CancellationToken);

        var metadata = MetadataReader.ReadServiceProvider(xml, SamlLimits.Default);
        var pool = Assert.Single(await Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlEncryption));
        Assert.Equal(pool.CertificateDer, Assert.Single(metadata.EncryptionCertificates).RawData);
        Assert.Equal(
            [SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.Aes128Gcm, SamlConstants.Algorithms.RsaOaepMgf1p, SamlConstants.Algorithms.RsaOaep],
            metadata.EncryptionMethods);
        Assert.Equal(fixture.IdpMetadata.SigningCertificates.Select(c => c.Thumbprint), metadata.SigningCertificates.Select(c => c.Thumbprint));
        Assert.DoesNotContain(metadata.SigningCertificates, c => c.RawData.SequenceEqual(pool.CertificateDer));

        // The metadata is signed by the broker's signing key, encryption KeyDescriptor included.
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        XmlSignatureVerifier.Verify(document.DocumentElement!, fixture.IdpMetadata.SigningCertificates, SignaturePolicy.Default, DateTimeOffset.UtcNow);
    }

    public static TheoryData<string, string, string?, string?> Encryptions => new()
    {
        { SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaepMgf1p, null, null },
        { SamlConstants.Algorithms.Aes128Gcm, SamlConstants.Algorithms.RsaOaep, null, null },
        { SamlConstants.Algorithms.Aes256Gcm, SamlConstants.Algorithms.RsaOaep, SamlConstants.Algorithms.Sha256, SamlConstants.Algorithms.Mgf1Sha256 },
    };

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Login_AssertionEncryptedToTheBroker_EmployeeSessionWithBusinessIdentity(string data, string transport, string? digest, string? mgf)
    {
        var login = await OrganisationIdpLogin.StartAsync(fixture);
        var nameId = "encrypted-" + Guid.NewGuid().ToString("N");
        var response = TestAssertionEncryption.Encrypt(await SignedResponseAsync(login, nameId), await BrokerEncryptionCertificateAsync(), new()
        {
            DataAlgorithm = data,
            KeyTransport = transport,
            DigestMethod = digest,
            Mgf = mgf,
            Padding = digest is null ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256,
        });

        var outcome = await login.AnswerAsync(response);

        await AssertEmployeeLoggedInAsync(login, nameId, outcome);
    }

    [Fact]
    public async Task Login_AssertionEncryptedByXmlsec1_Accepted()
    {
        // An independent XML Encryption implementation (libxmlsec 1.2.37), so the broker does not only decrypt what it wrote.
        var login = await OrganisationIdpLogin.StartAsync(fixture);
        var nameId = "xmlsec1-" + Guid.NewGuid().ToString("N");
        var response = await TestAssertionEncryption.EncryptWithXmlsec1Async(await SignedResponseAsync(login, nameId), await BrokerEncryptionCertificateAsync());
        Assert.Contains("EncryptedAssertion", response, StringComparison.Ordinal);
        Assert.DoesNotContain(nameId, response, StringComparison.Ordinal);

        var outcome = await login.AnswerAsync(response);

        await AssertEmployeeLoggedInAsync(login, nameId, outcome);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        // Attack class: tampered ciphertext — GCM authenticates it before anything is parsed; one answer for every failure.
        { "tampered-gcm-tag", "organisation.idp-decryption-failed" },
        { "tampered-gcm-ciphertext", "organisation.idp-decryption-failed" },
        { "tampered-encrypted-key", "organisation.idp-decryption-failed" },
        // Attack class: a ciphertext for another recipient, named or not — the same answer (no oracle on which key).
        { "wrong-recipient-key", "organisation.idp-decryption-failed" },
        { "wrong-recipient-key-unnamed", "organisation.idp-decryption-failed" },
        // Attack class: Bleichenbacher — RSA PKCS#1 v1.5 key transport is never decrypted.
        { "rsa-1_5", "organisation.idp-encryption-algorithm-refused" },
        // Attack class: CBC padding/parsing oracle (Jager and Somorovsky 2011) — unauthenticated content is refused.
        { "aes-cbc", "organisation.idp-encryption-algorithm-refused" },
        // Attack class: a forged assertion inside the encryption (anyone can encrypt to a public key): its own signature counts.
        { "inner-signature-forged", "saml.307.SignatureKeyUntrusted" },
        { "inner-signature-missing", "saml.300.SignatureMissing" },
        { "response-signed-assertion-unsigned", "saml.300.SignatureMissing" },
        // Attack class: signature wrapping across the decryption boundary — a signed plain assertion beside an encrypted one.
        { "plain-beside-encrypted", "saml.602.AssertionCountInvalid" },
        { "two-assertions-inside", "organisation.idp-encrypted-assertion-invalid" },
        { "not-an-assertion-inside", "organisation.idp-encrypted-assertion-invalid" },
        { "cipher-reference", "organisation.idp-encrypted-assertion-invalid" },
        { "oversize-encrypted-key", "organisation.idp-encrypted-assertion-invalid" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Login_EncryptedResponseFailingACheck_RefusedWithoutSessionAndAudited(string attack, string code)
    {
        var login = await OrganisationIdpLogin.StartAsync(fixture);
        var started = DateTimeOffset.UtcNow;
        var nameId = "attacked-" + Guid.NewGuid().ToString("N");
        var signed = await SignedResponseAsync(login, nameId);
        var broker = await BrokerEncryptionCertificateAsync();
        var xml = attack switch
        {
            "tampered-gcm-tag" => TestAssertionEncryption.Encrypt(signed, broker, new() { Content = c => Flip(c, c.Length - 1) }),
            "tampered-gcm-ciphertext" => TestAssertionEncryption.Encrypt(signed, broker, new() { Content = c => Flip(c, 20) }),
            "tampered-encrypted-key" => TestAssertionEncryption.Encrypt(signed, broker, new() { Key = k => Flip(k, 40) }),
            "wrong-recipient-key" => TestAssertionEncryption.Encrypt(signed, TestOrganisationIdp.NewCertificate("CN=another SP")),
            "wrong-recipient-key-unnamed" => TestAssertionEncryption.Encrypt(signed, TestOrganisationIdp.NewCertificate("CN=another SP"), new() { NameRecipient = false }),
            "rsa-1_5" => TestAssertionEncryption.Encrypt(signed, broker, new() { KeyTransport = SamlConstants.Algorithms.Rsa15, Padding = RSAEncryptionPadding.Pkcs1 }),
            "aes-cbc" => TestAssertionEncryption.Encrypt(signed, broker, new() { DataAlgorithm = SamlConstants.Algorithms.Aes256Cbc }),
            "inner-signature-forged" => TestAssertionEncryption.Encrypt(
                await login.Idp.ResponseAsync(Assertion(login, nameId), TestOrganisationIdp.NewCertificate("CN=forger")), broker),
            "inner-signature-missing" => TestAssertionEncryption.Encrypt(OrganisationIdpTests.Unsigned(signed), broker),
            "response-signed-assertion-unsigned" => await SignResponseAsync(
                TestAssertionEncryption.Encrypt(OrganisationIdpTests.Unsigned(signed), broker), login.Idp.Certificate),
            "plain-beside-encrypted" => PlainBesideEncrypted(signed, TestAssertionEncryption.Encrypt(
                await login.Idp.ResponseAsync(Assertion(login, "intruder-" + nameId), TestOrganisationIdp.NewCertificate("CN=forger")), broker)),
            "two-assertions-inside" => TestAssertionEncryption.Encrypt(signed, broker, new() { Plaintext = p => p + p }),
            "not-an-assertion-inside" => TestAssertionEncryption.Encrypt(signed, broker, new()
            {
                Plaintext = _ => $"<saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">{login.Idp.EntityId}</saml:Issuer>",
            }),
            "cipher-reference" => CipherReference(TestAssertionEncryption.Encrypt(signed, broker)),
            "oversize-encrypted-key" => TestAssertionEncryption.Encrypt(signed, broker, new() { Key = k => [.. k, .. k, .. k] }),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        var outcome = await login.AnswerAsync(xml);

        var response = ResponseXml.Read(outcome.ResponseXml, SamlLimits.Default).Message;
        Assert.Equal(SamlConstants.StatusCodes.Responder, response.StatusCode);
        Assert.Equal(SamlConstants.StatusCodes.AuthnFailed, response.SubStatusCode);
        Assert.Empty(await login.BusinessIdentitiesAsync(Grains, nameId));
        Assert.Equal(code, await AuditedCodeAsync(login, started));
    }

    [Fact]
    public async Task Login_PlainAssertionFromAnIdpThatMustEncrypt_RefusedEncryptionRequired_EncryptedAccepted()
    {
        var plain = await OrganisationIdpLogin.StartAsync(fixture, registrationQuery: "&requireEncryption=true");
        var started = DateTimeOffset.UtcNow;
        var nameId = "must-encrypt-" + Guid.NewGuid().ToString("N");
        Assert.True((await fixture.Admin.GetAsync(Path(plain.Cvr, "idp"))).Json["requireEncryption"]!.GetValue<bool>());

        var refused = await plain.AnswerAsync(await SignedResponseAsync(plain, nameId));

        Assert.Equal(SamlConstants.StatusCodes.AuthnFailed, ResponseXml.Read(refused.ResponseXml, SamlLimits.Default).Message.SubStatusCode);
        Assert.Empty(await plain.BusinessIdentitiesAsync(Grains, nameId));
        Assert.Equal("organisation.idp-encryption-required", await AuditedCodeAsync(plain, started));

        var encrypted = await OrganisationIdpLogin.StartAsync(fixture, registrationQuery: "&requireEncryption=true");
        var outcome = await encrypted.AnswerAsync(TestAssertionEncryption.Encrypt(await SignedResponseAsync(encrypted, nameId), await BrokerEncryptionCertificateAsync()));
        await AssertEmployeeLoggedInAsync(encrypted, nameId, outcome);
    }

    [Fact]
    public async Task Login_ReplayedEncryptedResponse_Refused()
    {
        // Attack class: replay of a captured encrypted Response (the flow is taken once; the assertion ID is recorded).
        var login = await OrganisationIdpLogin.StartAsync(fixture);
        var xml = TestAssertionEncryption.Encrypt(await SignedResponseAsync(login, "replayed-" + Guid.NewGuid().ToString("N")), await BrokerEncryptionCertificateAsync());
        await login.AnswerAsync(xml);

        var again = await login.PostAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("flow.unknown", again.ErrorCode);
    }

    private static AssertionDescriptor Assertion(OrganisationIdpLogin login, string nameId) =>
        login.Idp.Assertion(login.BaseUrl, login.UpstreamRequestId, nameId);

    private static Task<string> SignedResponseAsync(OrganisationIdpLogin login, string nameId) => login.Idp.ResponseAsync(Assertion(login, nameId));

    private async Task<X509Certificate2> BrokerEncryptionCertificateAsync() =>
        X509CertificateLoader.LoadCertificate(Assert.Single(await Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlEncryption)).CertificateDer);

    private async Task AssertEmployeeLoggedInAsync(OrganisationIdpLogin login, string nameId, SamlLoginWalk.Outcome outcome)
    {
        var assertion = fixture.FileSp.Validate(outcome.ResponseXml, login.Request.Id, fixture.IdpMetadata).Value;
        Assert.Contains(login.Idp.EntityId, assertion.AuthenticatingAuthorities);
        Assert.Contains(await login.BusinessIdentitiesAsync(Grains, nameId), e => e.Cvr == login.Cvr);
    }

    /// <summary>The code the broker audited for the failed upstream login of this login's SP request.</summary>
    private async Task<string?> AuditedCodeAsync(OrganisationIdpLogin login, DateTimeOffset started)
    {
        await fixture.FlushAuditAsync();
        var from = Uri.EscapeDataString((started - TimeSpan.FromMinutes(1)).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var audit = await fixture.Admin.GetAsync($"/api/admin/audit?category=Login&from={from}&limit=1000");
        return audit.Json["records"]!.AsArray()
            .Where(r => r!["action"]!.GetValue<string>() == "login.upstream" && r["detail"]?.GetValue<string>()?.Contains("request " + login.Request.Id, StringComparison.Ordinal) == true)
            .Select(r => r!["code"]?.GetValue<string>())
            .SingleOrDefault();
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    /// <summary>The Response with its Issuer-following signature made by <paramref name="signer"/> over the whole Response.</summary>
    private static async Task<string> SignResponseAsync(string responseXml, X509Certificate2 signer)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(responseXml);
        var root = document.DocumentElement!;
        var issuer = root.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Issuer");
        await XmlSignatureWriter.SignAsync(root, issuer, new RsaSamlSigner(signer), TestContext.Current.CancellationToken);
        return document.OuterXml;
    }

    /// <summary>The honest signed plain assertion put back beside the (forged) encrypted one: the XSW placement across decryption.</summary>
    private static string PlainBesideEncrypted(string signedPlain, string withEncrypted)
    {
        var (_, plain) = TestAssertionEncryption.Load(signedPlain);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(withEncrypted);
        document.DocumentElement!.AppendChild(document.ImportNode(plain, deep: true));
        return document.OuterXml;
    }

    /// <summary>The content CipherValue replaced by a CipherReference to a URL: nothing may be fetched.</summary>
    private static string CipherReference(string encryptedXml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(encryptedXml);
        var namespaces = new XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("xenc", TestAssertionEncryption.Xenc);
        var cipherData = (XmlElement)document.SelectSingleNode("//xenc:EncryptedData/xenc:CipherData", namespaces)!;
        cipherData.RemoveAll();
        var reference = document.CreateElement("xenc", "CipherReference", TestAssertionEncryption.Xenc);
        reference.SetAttribute("URI", "https://attacker.example/ciphertext");
        cipherData.AppendChild(reference);
        return document.OuterXml;
    }
}
