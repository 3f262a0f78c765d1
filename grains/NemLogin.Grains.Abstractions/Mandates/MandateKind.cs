namespace NemLogin.Grains.Mandates;

/// <summary>What a mandate is, by its grantor. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.mandate.kind")]
public enum MandateKind
{
    /// <summary>A person lets another person act for them (fuldmagt for borgere): grantor 15 or older.</summary>
    Citizen = 0,

    /// <summary>An organisation lets another organisation or a person act for it.</summary>
    Business = 1,
}
