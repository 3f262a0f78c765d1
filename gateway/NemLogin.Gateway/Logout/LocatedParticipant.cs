using NemLogin.Grains.Sessions;

namespace NemLogin.Gateway.Logout;

/// <summary>The live session a LogoutRequest names, and the requesting SP's place in it.</summary>
internal sealed record LocatedParticipant(SessionSnapshot Session, SessionParticipant Participant);
