namespace NemLogin.Grains.Sessions;

/// <summary>A session participant to be told of the logout: the NameID and SessionIndex it received, and its answer so far.</summary>
[GenerateSerializer, Immutable]
[Alias("nl.logout.target")]
public sealed record LogoutTarget(
    [property: Id(0)] string ServiceProviderId,
    [property: Id(1)] string NameId,
    [property: Id(2)] string NameIdFormat,
    [property: Id(3)] string SessionIndex,
    [property: Id(4)] LogoutTargetStatus Status = LogoutTargetStatus.Pending)
{
    public static LogoutTarget From(SessionParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return new(participant.ServiceProviderId, participant.NameId, participant.NameIdFormat, participant.SessionIndex);
    }
}
