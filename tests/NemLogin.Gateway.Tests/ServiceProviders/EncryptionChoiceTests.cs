using NemLogin.Gateway.ServiceProviders;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Assurance;
using NemLogin.Saml;
using Xunit;
using Alg = NemLogin.Saml.SamlConstants.Algorithms;

namespace NemLogin.Gateway.Tests.ServiceProviders;

/// <summary>
/// Which encryption an SP gets: what its metadata lists, in its order, where the broker supports it; else AES-256-GCM with
/// rsa-oaep-mgf1p; the administrator's policy over both.
/// </summary>
public sealed class EncryptionChoiceTests
{
    [Fact]
    public void Encryption_MetadataListsNothing_Aes256GcmWithRsaOaepMgf1p()
    {
        // saml-conformance-2.0-os: rsa-oaep-mgf1p is the key transport every SAML implementation must decrypt.
        var sp = Registered(new TestServiceProvider("https://plain.test/saml", "https://plain.test/acs"));

        Assert.Equal(Alg.Aes256Gcm, sp.DataEncryptionAlgorithm);
        Assert.Equal(Alg.RsaOaepMgf1p, sp.KeyTransportAlgorithm);
    }

    [Fact]
    public void Encryption_MetadataListsDataAlgorithmsOnly_FirstSupportedDataWithRsaOaepMgf1p()
    {
        // node-saml's generated metadata: data algorithms, AES-128 among them, and no key transport.
        var sp = Registered(new TestServiceProvider("https://node.test/saml", "https://node.test/acs")
        {
            EncryptionMethods = [Alg.Aes128Gcm, Alg.Aes256Cbc, Alg.Aes256Gcm],
        });

        Assert.Equal(Alg.Aes256Cbc, sp.DataEncryptionAlgorithm);
        Assert.Equal(Alg.RsaOaepMgf1p, sp.KeyTransportAlgorithm);
    }

    [Fact]
    public void Encryption_MetadataListsRsaOaepFirst_RsaOaepInItsOrder()
    {
        var sp = Registered(new TestServiceProvider("https://modern.test/saml", "https://modern.test/acs")
        {
            EncryptionMethods = [Alg.Rsa15, Alg.RsaOaep, Alg.RsaOaepMgf1p],
        });

        Assert.Equal(Alg.Aes256Gcm, sp.DataEncryptionAlgorithm);
        Assert.Equal(Alg.RsaOaep, sp.KeyTransportAlgorithm);
    }

    [Fact]
    public void Encryption_MetadataListsOnlyRsa15_NeverRsa15()
    {
        // XML Encryption padding-oracle attacks: PKCS#1 v1.5 key transport is never used, whatever the SP asks.
        var sp = Registered(new TestServiceProvider("https://old.test/saml", "https://old.test/acs") { EncryptionMethods = [Alg.Rsa15] });

        Assert.Equal(Alg.RsaOaepMgf1p, sp.KeyTransportAlgorithm);
    }

    [Fact]
    public void Encryption_PolicySet_OverridesMetadata()
    {
        var registration = RegistrationFromMetadata.Create(
            new TestServiceProvider("https://policy.test/saml", "https://policy.test/acs") { EncryptionMethods = [Alg.Aes256Gcm, Alg.RsaOaepMgf1p] }.Metadata(),
            DateTimeOffset.UtcNow, _ => false, LevelOfAssurance.Substantial);

        var sp = RegisteredServiceProvider.From(registration with
        {
            PolicyDataEncryptionAlgorithm = Alg.Aes256Cbc,
            PolicyKeyTransportAlgorithm = Alg.RsaOaep,
        });

        Assert.Equal(Alg.Aes256Cbc, sp.DataEncryptionAlgorithm);
        Assert.Equal(Alg.RsaOaep, sp.KeyTransportAlgorithm);
    }

    private static RegisteredServiceProvider Registered(TestServiceProvider sp) =>
        RegisteredServiceProvider.From(RegistrationFromMetadata.Create(sp.Metadata(), DateTimeOffset.UtcNow, _ => false, LevelOfAssurance.Substantial));
}
