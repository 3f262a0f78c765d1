using NemLogin.Grains.Assurance;
using NemLogin.Saml;

namespace NemLogin.Gateway.Upstream.MitId;

/// <summary>NSIS levels as MitID names them in <c>acr_values</c> and the <c>acr</c> claim.</summary>
internal static class NsisAcr
{
    public static string? ToUri(LevelOfAssurance loa) => loa switch
    {
        LevelOfAssurance.Low => SamlConstants.OioSaml.LoaLow,
        LevelOfAssurance.Substantial => SamlConstants.OioSaml.LoaSubstantial,
        LevelOfAssurance.High => SamlConstants.OioSaml.LoaHigh,
        _ => null,
    };

    /// <summary>The level an <c>acr</c> value names; <see cref="LevelOfAssurance.None"/> for anything else.</summary>
    public static LevelOfAssurance FromUri(string? acr) => acr switch
    {
        SamlConstants.OioSaml.LoaLow => LevelOfAssurance.Low,
        SamlConstants.OioSaml.LoaSubstantial => LevelOfAssurance.Substantial,
        SamlConstants.OioSaml.LoaHigh => LevelOfAssurance.High,
        _ => LevelOfAssurance.None,
    };
}
