using NemLogin.Gateway.Login;
using NemLogin.Gateway.Saml;
using NemLogin.Gateway.Signing;
using NemLogin.Grains;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.LoginFlows;
using NemLogin.Grains.OrganisationIdps;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Replay;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using NemLogin.Saml.Messages;
using NemLogin.Saml.Validation;

namespace NemLogin.Gateway.Upstream.Organisations;

/// <summary>
/// Organisations' own SAML IdPs as one upstream, <c>org</c>: a flow names its IdP as <c>org:{cvr}</c>. The challenge is an
/// AuthnRequest signed through the signer pool (HTTP-Redirect, the flow token as its ID); the answer is a Response
/// POSTed to <c>/upstream/org/acs</c>, checked with every rule of the SAML library's <see cref="ResponseValidator"/>
/// against the registration (signature by a registered certificate, Issuer, Destination, Audience, Recipient,
/// InResponseTo, time with skew, bearer confirmation), then the assertion ID is used once. The assertion may be encrypted
/// to the broker's encryption key (its content key recovered by the signer pool, <see cref="BrokerEncryptionKeys"/>); every
/// check then runs on the decrypted assertion, and a registration with <c>RequireEncryption</c> takes nothing else. The level is the lower of the
/// asserted one and the registration's cap. The employee's person identity is the upstream subject (the IdP's entityID
/// and the NameID); <see cref="OrganisationEmployees"/> gives it the organisation's business identity on first login.
/// </summary>
internal sealed class OrganisationIdpUpstream(
    IGrainFactory grains,
    OrganisationIdpServiceProvider sp,
    BrokerSigningKeys keys,
    BrokerEncryptionKeys encryptionKeys,
    OrganisationEmployees employees,
    TimeProvider time) : IUpstreamIdentityProvider
{
    public const string ProviderName = "org";
    private const string Prefix = ProviderName + ":";
    private const string ReplayKind = "org-idp-assertion";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(3);

    public string Name => ProviderName;

    /// <summary>The broker's SP entityID toward organisation IdPs: each authentication names its own IdP as authority.</summary>
    public string AuthorityId => sp.EntityId;

    /// <summary>The flow's upstream key for the IdP of organisation <paramref name="cvr"/>.</summary>
    public static string KeyFor(string cvr) => Prefix + cvr;

    public UpstreamChallenge CreateChallenge(string flowId, LevelOfAssurance requiredLoa, bool forceAuthn, string? loginHint = null) =>
        throw new NotSupportedException("An organisation IdP challenge needs the organisation: use CreateChallengeAsync with org:{cvr}.");

    public async ValueTask<UpstreamChallenge> CreateChallengeAsync(
        string upstream, string flowToken, LevelOfAssurance requiredLoa, bool forceAuthn, string? loginHint, CancellationToken cancellationToken)
    {
        var idp = await FindAsync(upstream);
        // RelayState holds 80 bytes, less than a flow token: the token travels as the request ID (an xs:ID, hence the
        // underscore), which the IdP must echo as InResponseTo (SAML Core 3.2.2) and the Response is checked against.
        var request = new AuthnRequest
        {
            Id = "_" + flowToken,
            IssueInstant = time.GetUtcNow(),
            Destination = idp.Registration.SingleSignOnUrl,
            Issuer = sp.EntityId,
            AssertionConsumerServiceUrl = sp.AssertionConsumerServiceUrl,
            ProtocolBinding = SamlConstants.Bindings.HttpPost,
            ForceAuthn = forceAuthn,
            NameIdPolicyFormat = SamlConstants.NameIdFormats.Persistent,
            AllowCreate = true,
            RequestedAuthnContext = ClassRef(requiredLoa) is { } classRef ? new RequestedAuthnContext("minimum", [classRef]) : null,
        };
        var url = await RedirectBinding.BuildUrlAsync(
            idp.Registration.SingleSignOnUrl, "SAMLRequest", AuthnRequestXml.Write(request), null,
            await keys.GetSamlSignerAsync(cancellationToken), cancellationToken);

        // The request ID is what the Response must answer (InResponseTo): kept in the flow as its nonce.
        return new UpstreamChallenge(url, request.Id, string.Empty);
    }

    /// <summary>
    /// The flow token comes back as the InResponseTo of the POSTed Response, read here unvalidated: only a token the broker
    /// issued names a flow, the flow belongs to this browser, and the Response is then checked against the flow's request ID.
    /// </summary>
    public async ValueTask<string?> ReadFlowTokenAsync(HttpContext context)
    {
        try
        {
            var posted = await SamlFrontChannel.ReadPostAsync(context, "SAMLResponse");
            return ResponseXml.Read(posted.Xml, SamlLimits.Default).Message.InResponseTo is ['_', .. var token] ? token : null;
        }
        catch (SamlException)
        {
            return null;
        }
    }

    public async Task<UpstreamAuthentication> CompleteAsync(HttpContext context, PendingLogin pending, CancellationToken cancellationToken)
    {
        var idp = await FindAsync(pending.Upstream);
        var now = time.GetUtcNow();
        SamlAssertion assertion;
        try
        {
            var posted = await SamlFrontChannel.ReadPostAsync(context, "SAMLResponse");
            var unwrapper = await encryptionKeys.GetUnwrapperAsync(cancellationToken);
            assertion = (await ResponseValidator.ValidateWithKeyStoreAsync(posted.Xml, new ResponseValidationContext
            {
                ServiceProviderEntityId = sp.EntityId,
                AssertionConsumerServiceUrl = sp.AssertionConsumerServiceUrl,
                ExpectedInResponseTo = pending.UpstreamNonce,
                IdentityProviderEntityId = idp.Registration.EntityId,
                IdentityProviderSigningCertificates = OrganisationIdpMetadata.Certificates(idp.Registration),
                DecryptionCertificates = [],
                Now = now,
                ClockSkew = ClockSkew,
            }, unwrapper, idp.Registration.RequireEncryption, SamlLimits.Default, cancellationToken)).Value;
        }
        catch (SamlException ex)
        {
            throw new UpstreamException(CodeFor(ex.Code), ex.Message, ex);
        }

        // Recorded only now, after the signature checks: a forged assertion cannot burn a real one's ID.
        if (!await grains.Reference<IOneTimeIdGrain>(OneTimeIdKey.For(ReplayKind, idp.Registration.EntityId, assertion.Id))
                .TryUseAsync(assertion.NotOnOrAfter + ClockSkew))
        {
            throw new UpstreamException(BrokerErrors.Name(BrokerError.OrganisationIdpAssertionReplayed), "This assertion was already used.");
        }

        var asserted = AssertedLoa(assertion);
        var loa = asserted < idp.Registration.MaxLoa ? asserted : idp.Registration.MaxLoa;
        var personId = await grains.Reference<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(idp.Registration.EntityId, assertion.NameId)).ResolveIdentityAsync();
        try
        {
            await employees.EnsureAsync(context, idp.Cvr, personId, loa);
        }
        catch (GrainRuleException ex)
        {
            // The organisation is suspended or closed, say: its IdP's employees do not log in for it.
            throw new UpstreamException(ex.Code, ex.Message, ex);
        }
        return new UpstreamAuthentication(idp.Registration.EntityId, assertion.NameId, loa, assertion.AuthnInstant, Person(assertion));
    }

    /// <summary>
    /// The encryption refusals as the registry's 6300s codes; every other SAML refusal keeps its SAML code. One code for
    /// every failure of key or content decryption: which step failed is never told (no padding or GCM oracle).
    /// </summary>
    private static string CodeFor(SamlErrorCode code) => code switch
    {
        SamlErrorCode.DecryptionFailed => BrokerErrors.Name(BrokerError.OrganisationIdpDecryptionFailed),
        SamlErrorCode.EncryptionAlgorithmNotAllowed => BrokerErrors.Name(BrokerError.OrganisationIdpEncryptionAlgorithmRefused),
        SamlErrorCode.EncryptionMissing => BrokerErrors.Name(BrokerError.OrganisationIdpEncryptionRequired),
        SamlErrorCode.EncryptedAssertionInvalid or SamlErrorCode.CipherValueTooLarge => BrokerErrors.Name(BrokerError.OrganisationIdpEncryptedAssertionInvalid),
        SamlErrorCode.DecryptionKeyMissing => BrokerErrors.Name(BrokerError.OrganisationIdpAssertionEncrypted),
        _ => code.StableName(),
    };

    private async Task<OrganisationIdp> FindAsync(string upstream)
    {
        var cvr = upstream.StartsWith(Prefix, StringComparison.Ordinal) ? upstream[Prefix.Length..] : string.Empty;
        return BusinessNumbers.IsCvr(cvr) && await grains.Reference<IOrganisationIdpGrain>(cvr).GetAsync() is { } idp
            ? idp
            : throw new UpstreamException(BrokerErrors.Name(BrokerError.OrganisationIdpUnknown), "The organisation has no registered IdP (any more).");
    }

    /// <summary>The NSIS level the IdP asserted: the OIOSAML loa attribute, else an NSIS AuthnContextClassRef; none otherwise.</summary>
    private static LevelOfAssurance AssertedLoa(SamlAssertion assertion)
    {
        if (assertion.Attributes.TryGetValue(SamlConstants.Attributes.Loa, out var values) && values.Count == 1
            && Enum.TryParse<LevelOfAssurance>(values[0], ignoreCase: false, out var level) && Enum.IsDefined(level))
        {
            return level;
        }

        return assertion.AuthnContextClassRef is { } classRef ? Loa.FromClassRef(classRef) : LevelOfAssurance.None;
    }

    private static string? ClassRef(LevelOfAssurance level) => level switch
    {
        LevelOfAssurance.Low => SamlConstants.OioSaml.LoaLow,
        LevelOfAssurance.Substantial => SamlConstants.OioSaml.LoaSubstantial,
        LevelOfAssurance.High => SamlConstants.OioSaml.LoaHigh,
        _ => null,
    };

    // An organisation IdP asserts no CPR number and usually no birth date: the broker keeps what it names.
    private static PersonAttributes Person(SamlAssertion assertion) => new(
        First(assertion, SamlConstants.Attributes.FirstName) ?? string.Empty,
        First(assertion, SamlConstants.Attributes.LastName) ?? string.Empty,
        DateOnly.TryParseExact(First(assertion, SamlConstants.Attributes.DateOfBirth), "yyyy-MM-dd", out var born) ? born : default,
        null,
        First(assertion, SamlConstants.Attributes.Email));

    private static string? First(SamlAssertion assertion, string name) =>
        assertion.Attributes.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
