using System.Text;
using NemLogin.LoadTests.Scenarios.Professional;
using NemLogin.Saml.Privileges;
using Xunit;

namespace NemLogin.LoadTests.Tests.Scenarios;

public sealed class PrivilegeListTests
{
    private const string Prefix = "https://load.nemlogin.test/sp-001/privileges/";

    [Fact]
    public void ReadBase64_TheBrokersDocument_GivesScopesAndPrivileges()
    {
        var encoded = BasicPrivilegeProfile.WriteBase64([
            new PrivilegeGroup("urn:dk:gov:saml:cvrNumberIdentifier:39900001", [Prefix + "1", Prefix + "2"], [new("urn:dept", "7")])]);

        var groups = PrivilegeList.ReadBase64(encoded);

        var group = Assert.Single(groups);
        Assert.Equal("urn:dk:gov:saml:cvrNumberIdentifier:39900001", group.Scope);
        Assert.Equal([Prefix + "1", Prefix + "2"], group.Privileges);
        Assert.Null(PrivilegeList.Mismatch(groups, "39900001", Prefix, 2));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("PHg+PC94Pg==")] // <x></x>: not the profile's root
    public void ReadBase64_NotAPrivilegeList_IsAFormatException(string encoded) =>
        Assert.Throws<FormatException>(() => PrivilegeList.ReadBase64(encoded));

    [Fact]
    public void ReadBase64_Dtd_IsRefused()
    {
        var xml = "<!DOCTYPE x [<!ENTITY e \"boom\">]><bpp:PrivilegeList xmlns:bpp=\"" + BasicPrivilegeProfile.Namespace + "\"/>";

        Assert.Throws<FormatException>(() => PrivilegeList.ReadBase64(Convert.ToBase64String(Encoding.UTF8.GetBytes(xml))));
    }

    [Fact]
    public void Mismatch_OtherCvrOtherSystemOrCount_SaysWhat()
    {
        IReadOnlyList<PrivilegeScope> groups = [new("urn:dk:gov:saml:cvrNumberIdentifier:39900002", [Prefix + "1", "https://other.test/p"])];

        var mismatch = PrivilegeList.Mismatch(groups, "39900001", Prefix, 1);

        Assert.NotNull(mismatch);
        Assert.Contains("not all CVR 39900001", mismatch, StringComparison.Ordinal);
        Assert.Contains("another IT system", mismatch, StringComparison.Ordinal);
        Assert.Contains("2 privileges, expected 1", mismatch, StringComparison.Ordinal);
    }
}
