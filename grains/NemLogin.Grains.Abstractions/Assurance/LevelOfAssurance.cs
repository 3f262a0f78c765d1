namespace NemLogin.Grains.Assurance;

/// <summary>NSIS level of assurance. The numeric order is the NSIS order: Low &lt; Substantial &lt; High.</summary>
[GenerateSerializer]
[Alias("nl.loa")]
public enum LevelOfAssurance
{
    None = 0,
    Low = 1,
    Substantial = 2,
    High = 3,
}
