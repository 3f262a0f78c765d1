using NemLogin.Grains.Replay;

namespace NemLogin.Grains.Tests.Replay;

public sealed class OneTimeIdKeyTests
{
    [Fact]
    public void Key_SeparatorInIssuerOrId_NeverCollides()
    {
        // Replay records of one SP must not be reachable by another: ("a|b", "c") and ("a", "b|c") are two keys.
        Assert.NotEqual(OneTimeIdKey.For("saml-authnrequest", "https://a|b", "c"), OneTimeIdKey.For("saml-authnrequest", "https://a", "b|c"));
        Assert.NotEqual(OneTimeIdKey.For("saml-authnrequest", "x", "1|y"), OneTimeIdKey.For("saml-authnrequest", "x|1", "y"));
    }

    [Fact]
    public void Key_KindWithSeparator_Refused()
    {
        Assert.Throws<ArgumentException>(() => OneTimeIdKey.For("saml|authnrequest", "https://sp.example", "_1"));
    }
}
