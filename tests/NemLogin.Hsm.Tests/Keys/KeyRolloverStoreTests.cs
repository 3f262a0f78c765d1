using NemLogin.Grains.Errors;
using Microsoft.Extensions.Time.Testing;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using NemLogin.Grains;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Keys;

/// <summary>Rollover in the token: next key published, promoted to current, old key kept in overlap, then retired.</summary>
public sealed class KeyRolloverStoreTests : IDisposable
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();
    private readonly FakeTimeProvider _issueTime = new(DateTimeOffset.UtcNow);
    private readonly HsmStore _hsm = new(SoftHsm.NewToken("rollover"));

    [Fact]
    public async Task Promote_NextBecomesCurrent_OldKeyStaysPublishedAndSignsWhenNamed()
    {
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        var before = await PublishedAsync();

        Keys.Promote(KeyPurpose.SamlSigning);

        var after = await PublishedAsync();
        var signed = await SignAsync(keyId: null);
        var byOld = await SignAsync(before[0].KeyId);
        Assert.Equal([true, false], before.Select(k => k.IsCurrent));
        Assert.Equal([before[1].KeyId, before[0].KeyId], after.Select(k => k.KeyId));
        Assert.Equal([true, false], after.Select(k => k.IsCurrent));
        Assert.Equal(before[1].KeyId, signed.KeyId);
        Assert.True(Signatures.Verify(after[0].CertificateDer, SigningAlgorithm.RsaPkcs1Sha256, Message, signed.Signature));
        Assert.True(Signatures.Verify(before[0].CertificateDer, SigningAlgorithm.RsaPkcs1Sha256, Message, byOld.Signature));
    }

    [Fact]
    public async Task Retire_PreviousKey_NoLongerPublishedAndRefusedWhenNamed()
    {
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        var old = (await PublishedAsync())[0];
        Keys.Promote(KeyPurpose.SamlSigning);

        Keys.Retire(KeyPurpose.SamlSigning, KeyRole.Previous);

        Assert.DoesNotContain(old.KeyId, (await PublishedAsync()).Select(k => k.KeyId));
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => SignAsync(old.KeyId));
        Assert.Equal(BrokerErrors.Name(BrokerError.SigningKeyUnknown), refused.Code);
        Assert.Single(Keys.List());
    }

    [Fact]
    public async Task PromotionStoppedHalfway_NewestCurrentSignsAndTheOtherStaysPublished()
    {
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        _issueTime.Advance(TimeSpan.FromDays(1));
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        var before = await PublishedAsync();

        // What a crash between the two relabelling steps of `keys promote` leaves: two private keys labelled current.
        RelabelPrivateKey("saml-signing-next", "saml-signing");

        var after = await PublishedAsync();
        Assert.Equal([before[1].KeyId, before[0].KeyId], after.Select(k => k.KeyId));
        Assert.Equal(before[1].KeyId, (await SignAsync(keyId: null)).KeyId);
        Assert.Equal(before[0].KeyId, (await SignAsync(before[0].KeyId)).KeyId);
    }

    [Fact]
    public async Task IssueCertificate_Renewal_NewCertificateForTheSameKey()
    {
        var first = Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        _issueTime.Advance(TimeSpan.FromDays(300));

        var renewed = Keys.IssueCertificate(KeyPurpose.SamlSigning, KeyRole.Current, validity: TimeSpan.FromDays(400));

        var published = Assert.Single(await PublishedAsync());
        Assert.Equal(first.CkaId, renewed.CkaId);
        Assert.NotEqual(first.KeyId, renewed.KeyId);
        Assert.Equal(renewed.KeyId, published.KeyId);
        Assert.True(Signatures.Verify(published.CertificateDer, SigningAlgorithm.RsaPkcs1Sha256, Message, (await SignAsync(null)).Signature));
    }

    [Fact]
    public void Retire_CurrentKey_RefusedAndNothingChanged()
    {
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        Assert.Throws<InvalidOperationException>(() => Keys.Retire(KeyPurpose.SamlSigning, KeyRole.Current));

        Assert.Equal(KeyRole.Current, Assert.Single(Keys.List()).Role);
    }

    [Fact]
    public void Promote_PreviousKeyNotRetired_RefusedAndNothingChanged()
    {
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        Keys.Promote(KeyPurpose.SamlSigning);
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Next, HsmKeyAlgorithm.Rsa2048);
        var before = Keys.List();

        var refused = Assert.Throws<InvalidOperationException>(() => Keys.Promote(KeyPurpose.SamlSigning));

        Assert.Contains("saml-signing-previous", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, Keys.List());
    }

    [Fact]
    public void Generate_LabelTaken_RefusedAndNothingChanged()
    {
        var existing = Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        Assert.Throws<InvalidOperationException>(() => Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.EcP256));

        Assert.Equal(existing, Assert.Single(Keys.List()));
    }

    [Fact]
    public void Promote_NoNextKey_Refused()
    {
        Keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        Assert.Throws<InvalidOperationException>(() => Keys.Promote(KeyPurpose.SamlSigning));
    }

    public void Dispose() => _hsm.Dispose();

    private Pkcs11KeyAdministration Keys => _hsm.Keys(_issueTime);

    private async Task<SigningKeyInfo[]> PublishedAsync() =>
        [.. await _hsm.Store.GetKeysAsync(KeyPurpose.SamlSigning, TestContext.Current.CancellationToken)];

    private Task<SignatureResult> SignAsync(string? keyId) =>
        _hsm.Store.SignAsync(KeyPurpose.SamlSigning, keyId, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken);

    private void RelabelPrivateKey(string from, string to)
    {
        using var lease = Pkcs11Module.Acquire(_hsm.Options.LibraryPath);
        using var session = lease.Module.FindSlot(_hsm.Options.TokenLabel).OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, _hsm.Options.Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
        }

        var a = lease.Module.Factories.ObjectAttributeFactory;
        using var find = new Pkcs11Template([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_LABEL, from)]);
        var key = Assert.Single(session.FindAllObjects(find.Attributes));
        using var relabel = new Pkcs11Template([a.Create(CKA.CKA_LABEL, to)]);
        session.SetAttributeValue(key, relabel.Attributes);
    }
}
