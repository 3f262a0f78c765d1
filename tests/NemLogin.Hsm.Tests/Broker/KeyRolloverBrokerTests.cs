using System.Security.Cryptography;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;
using NemLogin.Saml;
using NemLogin.Saml.Metadata;

namespace NemLogin.Hsm.Tests.Broker;

/// <summary>
/// Key rollover seen by service providers (issue 3, item 4): the next certificate is published beside the current one,
/// an SP that still trusts only the old certificate keeps validating during the overlap, and a promotion made with the
/// key commands while the broker runs switches signing without a restart while the old certificate stays published.
/// </summary>
public sealed class KeyRolloverBrokerTests : IAsyncLifetime
{
    private readonly HsmBroker _broker = new(
        prepareKeys: keys =>
        {
            keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
            keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        },
        // Every call re-reads the labels and the gateway does not cache keys, so a promotion shows on the next login.
        extraSettings: new Dictionary<string, string?> { ["Signing:KeyCacheDuration"] = "00:00:00" });

    private IdentityProviderMetadata _metadata = null!;

    public async ValueTask InitializeAsync() => _metadata = await _broker.MetadataAsync();

    [Fact]
    public async Task Overlap_SpTrustingOnlyTheOldCertificate_ValidatesAndMetadataListsBoth()
    {
        var (request, response) = await LoginAsync();

        Assert.Equal(2, _metadata.SigningCertificates.Count);
        var old = _metadata.SigningCertificates[0];
        var next = _metadata.SigningCertificates[1];
        Assert.NotNull(_broker.Sp.Validate(response, request.Id, _metadata with { SigningCertificates = [old] }).Value);
        // The next key is only published: an SP that already dropped the old certificate would fail now.
        Assert.Throws<SamlException>(() => _broker.Sp.Validate(response, request.Id, _metadata with { SigningCertificates = [next] }));
    }

    [Fact]
    public async Task Promote_WhileRunning_NextKeySignsAndTheOldStaysPublishedUntilRetired()
    {
        var old = _metadata.SigningCertificates[0];
        var next = _metadata.SigningCertificates[1];
        var keys = new Pkcs11KeyAdministration(_broker.Token, TimeProvider.System);

        keys.Promote(KeyPurpose.SamlSigning);
        var (request, response) = await LoginAsync();
        var published = await _broker.Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlSigning);

        Assert.NotNull(_broker.Sp.Validate(response, request.Id, _metadata with { SigningCertificates = [next] }).Value);
        Assert.Throws<SamlException>(() => _broker.Sp.Validate(response, request.Id, _metadata with { SigningCertificates = [old] }));
        Assert.Equal([Thumbprint(next.RawData), Thumbprint(old.RawData)], published.Select(k => k.KeyId));
        Assert.Equal([true, false], published.Select(k => k.IsCurrent));

        keys.Retire(KeyPurpose.SamlSigning, KeyRole.Previous);

        var afterRetire = await _broker.Grains.GetGrain<ISignerGrain>(0).GetKeysAsync(KeyPurpose.SamlSigning);
        Assert.Equal([Thumbprint(next.RawData)], afterRetire.Select(k => k.KeyId));
    }

    public async ValueTask DisposeAsync() => await _broker.DisposeAsync();

    private static string Thumbprint(byte[] der) => Convert.ToHexStringLower(SHA256.HashData(der));

    private async Task<(NemLogin.Saml.Messages.AuthnRequest Request, string ResponseXml)> LoginAsync()
    {
        var sso = _broker.BaseUrl + "/saml/sso";
        using var browser = new TestBrowser();
        var request = _broker.Sp.NewRequest(sso);
        var outcome = await SamlLoginWalk.RunAsync(browser, await _broker.Sp.RedirectUrlAsync(sso, request));
        return (request, outcome.ResponseXml);
    }
}
