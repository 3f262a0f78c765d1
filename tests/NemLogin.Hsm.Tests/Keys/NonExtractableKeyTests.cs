using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Keys;

/// <summary>Key exfiltration: the private keys the key commands generate cannot be read or wrapped out of the token.</summary>
public sealed class NonExtractableKeyTests
{
    [Theory]
    [InlineData(HsmKeyAlgorithm.Rsa2048)]
    [InlineData(HsmKeyAlgorithm.EcP256)]
    public void Generate_PrivateKey_SensitiveNeverExtractableSignOnly(HsmKeyAlgorithm algorithm)
    {
        var token = SoftHsm.NewToken("flags");
        var keys = new Pkcs11KeyAdministration(token, TimeProvider.System);

        var key = keys.Generate(KeyPurpose.SamlSigning, KeyRole.Current, algorithm);

        Assert.True(key.Sensitive);
        Assert.False(key.Extractable);
        Assert.True(key.AlwaysSensitive);
        Assert.True(key.NeverExtractable);
        Assert.Equal(key, Assert.Single(keys.List()));
    }

    [Fact]
    public async Task Generate_PrivateKey_Pkcs11ToolReportsSensitiveNeverExtractableAndSignOnly()
    {
        var token = SoftHsm.NewToken("tool");
        new Pkcs11KeyAdministration(token, TimeProvider.System).Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);

        var listed = await SoftHsm.Pkcs11ToolAsync("--token-label", token.TokenLabel, "--login", "--pin", token.Pin, "--list-objects", "--type", "privkey");

        Assert.True(listed.ExitCode == 0, listed.StandardError);
        Assert.Contains("label:      saml-signing", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Access:     sensitive, always sensitive, never extractable, local", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Usage:      sign\n", listed.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateKey_ReadPrivateExponent_RefusedByTheToken()
    {
        var token = SoftHsm.NewToken("read");
        new Pkcs11KeyAdministration(token, TimeProvider.System).Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        using var lease = Pkcs11Module.Acquire(token.LibraryPath);
        using var session = OpenUserSession(lease, token);
        var privateKey = FindPrivateKey(lease, session);

        var values = session.GetAttributeValue(privateKey, [CKA.CKA_PRIVATE_EXPONENT, CKA.CKA_PRIME_1, CKA.CKA_MODULUS]);

        Assert.True(values[0].CannotBeRead);
        Assert.True(values[1].CannotBeRead);
        Assert.False(values[2].CannotBeRead);
    }

    [Fact]
    public void PrivateKey_WrapWithAnAesKey_RefusedUnextractable()
    {
        var token = SoftHsm.NewToken("wrap");
        new Pkcs11KeyAdministration(token, TimeProvider.System).Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        using var lease = Pkcs11Module.Acquire(token.LibraryPath);
        using var session = OpenUserSession(lease, token);
        var a = lease.Module.Factories.ObjectAttributeFactory;
        using var aesGen = lease.Module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN);
        using var aesTemplate = new Pkcs11Template([a.Create(CKA.CKA_TOKEN, false), a.Create(CKA.CKA_VALUE_LEN, 32ul), a.Create(CKA.CKA_WRAP, true)]);
        var wrappingKey = session.GenerateKey(aesGen, aesTemplate.Attributes);
        using var wrap = lease.Module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP_PAD);

        var refused = Assert.Throws<Pkcs11Exception>(() => session.WrapKey(wrap, wrappingKey, FindPrivateKey(lease, session)));

        Assert.Equal(CKR.CKR_KEY_UNEXTRACTABLE, refused.RV);
    }

    private static ISession OpenUserSession(Pkcs11ModuleLease lease, Pkcs11SigningOptions token)
    {
        var session = lease.Module.FindSlot(token.TokenLabel).OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, token.Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
        }

        return session;
    }

    private static IObjectHandle FindPrivateKey(Pkcs11ModuleLease lease, ISession session)
    {
        var a = lease.Module.Factories.ObjectAttributeFactory;
        using var template = new Pkcs11Template([a.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), a.Create(CKA.CKA_LABEL, "saml-signing")]);
        return Assert.Single(session.FindAllObjects(template.Attributes));
    }
}
