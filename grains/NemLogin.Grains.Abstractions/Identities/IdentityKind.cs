namespace NemLogin.Grains.Identities;

/// <summary>Whether an identity is a private person or an employee acting for an organisation.</summary>
[GenerateSerializer]
[Alias("nl.identity.kind")]
public enum IdentityKind
{
    Person = 0,
    Professional = 1,
}
