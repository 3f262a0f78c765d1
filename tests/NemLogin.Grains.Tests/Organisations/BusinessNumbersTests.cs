using NemLogin.Grains.Organisations;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Tests.Organisations;

/// <summary>The business register's number forms, checked before a number keys a grain or is stored.</summary>
public sealed class BusinessNumbersTests
{
    // Rule: a CVR number has 8 digits, no leading 0, and passes modulus 11 with weights 2 7 6 5 4 3 2 1.
    [Theory]
    [InlineData("98765433", true)]
    [InlineData("12345674", true)]
    [InlineData("12345678", false)] // check digit wrong
    [InlineData("02345678", false)] // leading zero
    [InlineData("1234567", false)]
    [InlineData("123456740", false)]
    [InlineData("1234567a", false)]
    [InlineData("１２３４５６７４", false)] // full-width digits are not ASCII digits
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Cvr_Form(string? value, bool valid) => Assert.Equal(valid, BusinessNumbers.IsCvr(value));

    [Theory]
    [InlineData("1012345678", true)]
    [InlineData("101234567", false)]
    [InlineData("10123456789", false)]
    [InlineData("10123 5678", false)]
    public void ProductionUnit_TenDigits(string value, bool valid) => Assert.Equal(valid, BusinessNumbers.IsProductionUnit(value));

    [Theory]
    [InlineData("12345678", true)]
    [InlineData("1234567", false)]
    [InlineData("1234567x", false)]
    public void SeNumber_EightDigits(string value, bool valid) => Assert.Equal(valid, BusinessNumbers.IsSeNumber(value));

    // Rule: scopes are read from the OIO Basic Privilege Profile URNs only, with a well-formed number.
    [Theory]
    [InlineData("urn:dk:gov:saml:cvrNumberIdentifier:98765433", RightScopeKind.Organisation)]
    [InlineData("urn:dk:gov:saml:productionUnitIdentifier:1012345678", RightScopeKind.ProductionUnit)]
    [InlineData("urn:dk:gov:saml:seNumberIdentifier:12345678", RightScopeKind.SeNumber)]
    public void Scope_FromUrn_RoundTrips(string urn, RightScopeKind kind)
    {
        var scope = RightScope.FromUrn(urn);

        Assert.NotNull(scope);
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(urn, scope.Urn);
    }

    [Theory]
    [InlineData("urn:dk:gov:saml:cvrNumberIdentifier:12345678")]
    [InlineData("urn:dk:gov:saml:productionUnitIdentifier:123")]
    [InlineData("urn:dk:gov:saml:seNumberIdentifier:")]
    [InlineData("urn:dk:gov:saml:somethingElse:12345678")]
    [InlineData("98765433")]
    [InlineData(null)]
    public void Scope_FromUrn_MalformedIsNull(string? urn) => Assert.Null(RightScope.FromUrn(urn));

    // Rule: a catalogue key names a system unambiguously; anything else names none.
    [Theory]
    [InlineData("saml|https://sp.example.dk/saml", ItSystemKind.Saml, "https://sp.example.dk/saml")]
    [InlineData("oidc|client|with|bars", ItSystemKind.Oidc, "client|with|bars")]
    public void ItSystem_Key_RoundTrips(string key, ItSystemKind kind, string id)
    {
        var system = ItSystem.FromKey(key);

        Assert.Equal(new ItSystem(kind, id), system);
        Assert.Equal(key, system!.Key);
    }

    [Theory]
    [InlineData("saml|")]
    [InlineData("ws-fed|x")]
    [InlineData("oidc| padded ")]
    [InlineData("")]
    public void ItSystem_BadKey_IsNull(string key) => Assert.Null(ItSystem.FromKey(key));
}
