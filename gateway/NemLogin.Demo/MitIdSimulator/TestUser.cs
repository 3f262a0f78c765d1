using NemLogin.Grains.Assurance;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>A fictitious person the simulator can log in, with the level of assurance their "MitID" reaches.</summary>
public sealed record TestUser(
    string Username,
    Guid MitIdUuid,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string CprNumber,
    string Email,
    LevelOfAssurance Loa);
