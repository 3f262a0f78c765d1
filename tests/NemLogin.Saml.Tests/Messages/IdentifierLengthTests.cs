using NemLogin.Saml.Messages;
using Xunit;

namespace NemLogin.Saml.Tests.Messages;

/// <summary>
/// Unauthenticated input creates no state: identifiers the broker keys replay records and lookups by (message IDs,
/// Issuer, NameID, SessionIndex) are refused beyond 1,024 characters before anything is looked up.
/// </summary>
public sealed class IdentifierLengthTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string TooLong = "_" + new string('a', SamlLimits.MaxIdentifierLength);
    private static readonly string Longest = "_" + new string('a', SamlLimits.MaxIdentifierLength - 1);

    [Fact]
    public void AuthnRequest_IdAtTheLimit_Read()
    {
        var read = AuthnRequestXml.Read(AuthnRequestXml.Write(TestParties.Request(Now) with { Id = Longest }), SamlLimits.Default);

        Assert.Equal(Longest, read.Message.Id);
    }

    [Fact]
    public void AuthnRequest_IdOverTheLimit_IdentifierTooLong() =>
        Assert.Equal(SamlErrorCode.IdentifierTooLong, ReadError(() => AuthnRequestXml.Read(
            AuthnRequestXml.Write(TestParties.Request(Now) with { Id = TooLong }), SamlLimits.Default)));

    [Fact]
    public void AuthnRequest_IssuerOverTheLimit_IdentifierTooLong()
    {
        var xml = AuthnRequestXml.Write(TestParties.Request(Now) with { Issuer = "https://sp.example/" + new string('x', SamlLimits.MaxIdentifierLength) });

        Assert.Equal(SamlErrorCode.IdentifierTooLong, ReadError(() => AuthnRequestXml.Read(xml, SamlLimits.Default)));
        Assert.Equal(SamlErrorCode.IdentifierTooLong, ReadError(() => AuthnRequestXml.PeekIssuerUnvalidated(xml, SamlLimits.Default)));
    }

    [Fact]
    public void LogoutRequest_SessionIndexOverTheLimit_IdentifierTooLong()
    {
        var request = new LogoutRequest
        {
            IssueInstant = Now,
            Destination = TestParties.SsoUrl,
            Issuer = TestParties.SpEntityId,
            NameId = "name",
            NameIdFormat = SamlConstants.NameIdFormats.Persistent,
            SessionIndexes = [TooLong],
        };

        Assert.Equal(SamlErrorCode.IdentifierTooLong, ReadError(() => LogoutRequestXml.Read(LogoutRequestXml.Write(request), SamlLimits.Default)));
    }

    [Fact]
    public void LogoutResponse_InResponseToOverTheLimit_IdentifierTooLong()
    {
        var response = new LogoutResponse
        {
            InResponseTo = TooLong,
            IssueInstant = Now,
            Destination = TestParties.SsoUrl,
            Issuer = TestParties.SpEntityId,
            StatusCode = SamlConstants.StatusCodes.Success,
        };

        Assert.Equal(SamlErrorCode.IdentifierTooLong, ReadError(() => LogoutResponseXml.Read(LogoutResponseXml.Write(response), SamlLimits.Default)));
    }

    private static SamlErrorCode ReadError(Action read) => Assert.Throws<SamlException>(read).Code;
}
