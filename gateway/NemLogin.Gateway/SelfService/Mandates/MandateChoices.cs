using System.Collections.Immutable;
using NemLogin.Gateway.ItSystems;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// What every mandate form offers and reads the same way, for a citizen's mandate and an organisation's business mandate
/// alike: the registered, enabled IT systems with their catalogues, the chosen systems and privileges (a privilege chosen
/// alone chooses its system), and the validity days.
/// </summary>
internal sealed class MandateChoices(ItSystemDirectory directory)
{
    /// <summary>The systems a form offers (enabled ones) and the catalogues of those that have one.</summary>
    public async Task<(IReadOnlyList<ItSystemInfo> Systems, IReadOnlyDictionary<ItSystem, PrivilegeCatalogue> Catalogues)> OfferedAsync()
    {
        var systems = (await directory.ListAsync()).Where(s => s.Enabled).ToList();
        return (systems, await directory.CataloguesAsync(systems.Select(s => s.System)));
    }

    /// <summary>
    /// The chosen systems with their chosen privileges; each must be a registered, enabled system and each privilege in its
    /// catalogue. A problem is added to <paramref name="errors"/> (linked to the systems) and nothing is answered.
    /// </summary>
    public async Task<ImmutableArray<MandateSystem>> SystemsAsync(SelfServiceRequest request, IReadOnlyList<string> systemKeys, IReadOnlyList<string> privilegeValues, List<FieldError> errors)
    {
        var privileges = privilegeValues.Select(MandateForm.ReadPrivilege).ToList();
        var keys = systemKeys.Concat(privileges.OfType<(string Uri, string SystemKey)>().Select(p => p.SystemKey)).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            errors.Add(Refusal(request, BrokerError.MandateSystemsInvalid));
            return [];
        }

        var systems = keys.Select(ItSystem.FromKey).ToList();
        var found = await Task.WhenAll(systems.Select(s => s is null ? Task.FromResult<ItSystemInfo?>(null) : directory.FindAsync(s)));
        if (privileges.Any(p => p is null) || found.Any(s => s is not { Enabled: true }))
        {
            errors.Add(Refusal(request, BrokerError.MandateItSystemUnknown));
            return [];
        }

        var catalogues = await directory.CataloguesAsync(systems.OfType<ItSystem>());
        var chosen = systems.OfType<ItSystem>().Select(system => new MandateSystem(system,
            [.. privileges.OfType<(string Uri, string SystemKey)>().Where(p => p.SystemKey == system.Key).Select(p => p.Uri)])).ToImmutableArray();
        if (chosen.Any(s => s.Privileges.Any(uri => !catalogues.TryGetValue(s.System, out var catalogue) || catalogue.Find(uri) is null)))
        {
            errors.Add(Refusal(request, BrokerError.MandatePrivilegeUnknown));
            return [];
        }

        return chosen;
    }

    /// <summary>A validity day as typed (empty: none); a malformed one adds a problem linked to <paramref name="fieldId"/>.</summary>
    public static DateOnly? Day(SelfServiceRequest request, string typed, string fieldId, List<FieldError> errors)
    {
        if (typed.Length == 0)
        {
            return null;
        }

        if (DanishDates.Parse(typed) is { } day)
        {
            return day;
        }

        errors.Add(Field(fieldId, request.T("Skriv datoen som åååå-mm-dd, for eksempel 2027-01-31.", "Enter the date as yyyy-mm-dd, for example 2027-01-31.")));
        return null;
    }

    /// <summary>The mandate's start: the first instant of the chosen day, or null (from when it is stored).</summary>
    public static DateTimeOffset? From(DateOnly? day) => day is { } d ? DanishDates.StartOf(d) : null;

    /// <summary>The mandate's end: the end of the chosen day, or null (until revoked).</summary>
    public static DateTimeOffset? To(DateOnly? day) => day is { } d ? DanishDates.EndOf(d) : null;

    public static FieldError Field(string fieldId, string message) => new(fieldId, BrokerErrors.Name(BrokerError.SelfServiceFieldInvalid), message);

    private static FieldError Refusal(SelfServiceRequest request, BrokerError error) =>
        new(MandateFormPage.SystemsFieldId, BrokerErrors.Name(error), RefusalText.For(BrokerErrors.Name(error), request.Language));
}
