using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Keys;

/// <summary>
/// The saml-encryption key as the key commands make it: sensitive and never extractable like every broker key, and
/// decrypt-only — the token itself refuses to sign with it, and refuses to decrypt with a signing key (key separation: a
/// key that did both would make every decryption request a possible signature oracle).
/// </summary>
public sealed class KeySeparationTests
{
    [Fact]
    public void Generate_EncryptionKey_SensitiveNeverExtractable()
    {
        var keys = new Pkcs11KeyAdministration(SoftHsm.NewToken("enc-flags"), TimeProvider.System);
        keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        var key = keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        Assert.Equal("saml-encryption", key.Label);
        Assert.Equal("RSA-2048", key.Algorithm);
        Assert.True(key.Sensitive);
        Assert.False(key.Extractable);
        Assert.True(key.AlwaysSensitive);
        Assert.True(key.NeverExtractable);
        Assert.NotNull(key.KeyId);
    }

    [Fact]
    public async Task Generate_EncryptionKey_Pkcs11ToolReportsDecryptOnly()
    {
        var token = SoftHsm.NewToken("enc-tool");
        var keys = new Pkcs11KeyAdministration(token, TimeProvider.System);
        keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        var listed = await SoftHsm.Pkcs11ToolAsync("--token-label", token.TokenLabel, "--login", "--pin", token.Pin, "--list-objects", "--type", "privkey");

        Assert.True(listed.ExitCode == 0, listed.StandardError);
        var encryption = listed.StandardOutput[listed.StandardOutput.IndexOf("label:      saml-encryption", StringComparison.Ordinal)..];
        Assert.Contains("Usage:      decrypt\n", encryption, StringComparison.Ordinal);
        Assert.Contains("Access:     sensitive, always sensitive, never extractable, local", encryption, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_SignWithEncryptionKeyOrDecryptWithSigningKey_RefusedKeyFunctionNotPermitted()
    {
        var token = SoftHsm.NewToken("enc-sep");
        var keys = new Pkcs11KeyAdministration(token, TimeProvider.System);
        keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        using var lease = Pkcs11Module.Acquire(token.LibraryPath);
        using var session = lease.Module.FindSlot(token.TokenLabel).OpenSession(SessionType.ReadOnly);
        try
        {
            session.Login(CKU.CKU_USER, token.Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
        }

        var mechanisms = lease.Module.Factories.MechanismFactory;
        using var sign = mechanisms.Create(CKM.CKM_SHA256_RSA_PKCS);
        var oaep = lease.Module.Factories.MechanismParamsFactory.CreateCkRsaPkcsOaepParams(
            ConvertUtils.UInt64FromCKM(CKM.CKM_SHA_1), ConvertUtils.UInt64FromCKG(CKG.CKG_MGF1_SHA1), (ulong)CKZ.CKZ_DATA_SPECIFIED, null);
        using var decrypt = mechanisms.Create(CKM.CKM_RSA_PKCS_OAEP, oaep);

        var signed = Assert.Throws<Pkcs11Exception>(() => session.Sign(sign, PrivateKey(lease, session, "saml-encryption"), "data"u8.ToArray()));
        var decrypted = Assert.Throws<Pkcs11Exception>(() => session.Decrypt(decrypt, PrivateKey(lease, session, "saml-signing"), new byte[256]));

        Assert.Equal(CKR.CKR_KEY_FUNCTION_NOT_PERMITTED, signed.RV);
        Assert.Equal(CKR.CKR_KEY_FUNCTION_NOT_PERMITTED, decrypted.RV);
    }

    [Fact]
    public void Generate_EncryptionKeyWithoutSigningKey_RefusedAndTheTokenUnchanged()
    {
        var keys = new Pkcs11KeyAdministration(SoftHsm.NewToken("enc-alone"), TimeProvider.System);

        var refused = Assert.Throws<InvalidOperationException>(() => keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.Rsa2048));

        Assert.Contains("keys generate --purpose saml-signing", refused.Message, StringComparison.Ordinal);
        Assert.Empty(keys.List());
    }

    [Fact]
    public void Generate_EcEncryptionKey_Refused()
    {
        var keys = new Pkcs11KeyAdministration(SoftHsm.NewToken("enc-ec"), TimeProvider.System);
        keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        var refused = Assert.Throws<InvalidOperationException>(() => keys.Generate(KeyPurpose.SamlEncryption, KeyRole.Current, HsmKeyAlgorithm.EcP256));

        Assert.Contains("RSA", refused.Message, StringComparison.Ordinal);
        Assert.Single(keys.List());
    }

    private static IObjectHandle PrivateKey(Pkcs11ModuleLease lease, ISession session, string label)
    {
        var a = lease.Module.Factories.ObjectAttributeFactory;
        using var template = new Pkcs11Template([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_LABEL, label)]);
        return Assert.Single(session.FindAllObjects(template.Attributes));
    }
}
