using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Organisations;

/// <summary>What every stored organisation satisfies; <see cref="Normalise"/> also gives a save its canonical content.</summary>
internal static class OrganisationRules
{
    public const int MaxNameLength = 200;
    public const int MaxNumbers = 1000;
    public const int MaxAdministrators = 100;

    public static void RequireCvr(string cvr) =>
        Rules.Require(BusinessNumbers.IsCvr(cvr), BrokerError.OrganisationCvrInvalid, "A CVR number has 8 digits, does not start with 0 and passes the modulus 11 check.");

    /// <summary>The details checked, the name trimmed and the lists sorted without repeats.</summary>
    public static OrganisationDetails Normalise(OrganisationDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var name = details.Name?.Trim() ?? string.Empty;
        Rules.Require(name.Length is > 0 and <= MaxNameLength && !name.Any(char.IsControl), BrokerError.OrganisationNameInvalid,
            $"The name has 1 to {MaxNameLength} characters and no control characters.");
        var units = Sorted(details.ProductionUnits);
        Rules.Require(units.Length <= MaxNumbers && units.All(BusinessNumbers.IsProductionUnit), BrokerError.OrganisationProductionUnitInvalid,
            $"A P number has 10 digits; at most {MaxNumbers}.");
        var seNumbers = Sorted(details.SeNumbers);
        Rules.Require(seNumbers.Length <= MaxNumbers && seNumbers.All(BusinessNumbers.IsSeNumber), BrokerError.OrganisationSeNumberInvalid,
            $"An SE number has 8 digits; at most {MaxNumbers}.");
        Rules.Require(Enum.IsDefined(details.Status), BrokerError.OrganisationStatusInvalid, "The status is Active, Suspended or Closed.");
        var administrators = details.Administrators.IsDefault ? [] : details.Administrators.Distinct().Order().ToImmutableArray();
        Rules.Require(administrators.Length <= MaxAdministrators, BrokerError.OrganisationAdministratorInvalid, $"At most {MaxAdministrators} administrators.");
        return new OrganisationDetails(name, units, seNumbers, details.Status, administrators);
    }

    private static ImmutableArray<string> Sorted(ImmutableArray<string> numbers) =>
        numbers.IsDefault ? [] : [.. numbers.Select(n => n ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
