using System.Globalization;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Mandates;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// The person using the self-service pages: the identity of the browser's live broker session at NSIS Substantial or
/// above. <see cref="Name"/> and <see cref="CprNumber"/> are for the person's own pages: never log them.
/// </summary>
internal sealed record SelfServiceUser(string SessionId, Guid IdentityId, string Name, string? CprNumber, LevelOfAssurance Loa)
{
    /// <summary>The person as a mandate names them.</summary>
    public MandateParty Party => MandateParty.Person(IdentityId);

    /// <summary>Who changes things, as audit records name them: the identity's UUID.</summary>
    public string Actor => IdentityId.ToString("D", CultureInfo.InvariantCulture);
}
