using NemLogin.Grains.Assurance;
using NemLogin.Saml;

namespace NemLogin.Gateway.Login;

/// <summary>NSIS levels as OIOSAML writes them (class refs on requests, bare words in the loa attribute).</summary>
internal static class Loa
{
    public static LevelOfAssurance FromClassRef(string classRef) => classRef switch
    {
        SamlConstants.OioSaml.LoaLow => LevelOfAssurance.Low,
        SamlConstants.OioSaml.LoaSubstantial => LevelOfAssurance.Substantial,
        SamlConstants.OioSaml.LoaHigh => LevelOfAssurance.High,
        _ => LevelOfAssurance.None,
    };

    /// <summary>The attribute value: the bare word (OIOSAML 3.0.3: "Substantial").</summary>
    public static string ToAttributeValue(LevelOfAssurance loa) => loa.ToString();

    /// <summary>
    /// The level a request demands: with Comparison="minimum" any listed level satisfies it, so the lowest listed
    /// NSIS level is the requirement; never below the SP's registered minimum.
    /// </summary>
    public static LevelOfAssurance Required(IEnumerable<string>? classRefs, LevelOfAssurance spMinimum)
    {
        var requested = (classRefs ?? [])
            .Select(FromClassRef)
            .Where(l => l != LevelOfAssurance.None)
            .DefaultIfEmpty(LevelOfAssurance.None)
            .Min();
        return requested > spMinimum ? requested : spMinimum;
    }
}
