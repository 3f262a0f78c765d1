using System.Security.Cryptography;
using NemLogin.Saml.Bindings;
using Xunit;

namespace NemLogin.Saml.Tests.Bindings;

/// <summary>The redirect binding's inflater: exact octets back, and the cap held to the byte (attack class: deflate bomb).</summary>
public sealed class DeflateTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8 * 1024)]
    [InlineData(50_000)]
    public void Inflate_WithinTheCap_SameOctetsBack(int length)
    {
        var data = RandomNumberGenerator.GetBytes(length);

        Assert.Equal(data, Deflate.Inflate(Deflate.Compress(data), 50_000));
    }

    [Fact]
    public void Inflate_OneByteOverTheCap_InflateTooLarge()
    {
        var data = RandomNumberGenerator.GetBytes(20_001);

        var refused = Assert.Throws<SamlException>(() => Deflate.Inflate(Deflate.Compress(data), 20_000));

        Assert.Equal(SamlErrorCode.InflateTooLarge, refused.Code);
    }

    [Fact]
    public void Inflate_Corrupt_EncodingInvalid()
    {
        var refused = Assert.Throws<SamlException>(() => Deflate.Inflate([0xff, 0xff, 0xff, 0xff, 0x00], 1_000));

        Assert.Equal(SamlErrorCode.EncodingInvalid, refused.Code);
    }
}
