using System.Collections.Frozen;
using NemLogin.Grains.Errors;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// What a refusal's stable code means to the person who filled in the form, in Danish and English. A code without a text
/// of its own gets a general one; the page shows the code beside it either way, for support.
/// </summary>
internal static class RefusalText
{
    private static readonly FrozenDictionary<string, (string Danish, string English)> Texts = new Dictionary<BrokerError, (string, string)>
    {
        [BrokerError.MandatePersonUnknown] = (
            "Vi kender ingen person med dette CPR-nummer og navn. Tjek begge, og husk at personen skal have logget ind med MitID her mindst én gang.",
            "We know no person with this CPR number and name. Check both, and note that the person must have logged in here with MitID at least once."),
        [BrokerError.MandatePersonAmbiguous] = (
            "Flere personer har dette CPR-nummer hos os. Kontakt support.",
            "More than one person has this CPR number here. Contact support."),
        [BrokerError.MandateGrantorUnderAge] = (
            "Man skal være fyldt 15 år for at give en fuldmagt.",
            "A person must be 15 or older to grant a mandate."),
        [BrokerError.MandateValidityInvalid] = (
            "Slutdatoen skal ligge i fremtiden og efter startdatoen.",
            "The end date must be in the future and after the start date."),
        [BrokerError.MandateSystemsInvalid] = (
            "Vælg mindst ét it-system (højst 50).",
            "Choose at least one IT system (at most 50)."),
        [BrokerError.MandateItSystemUnknown] = (
            "Et af de valgte it-systemer er ikke længere registreret.",
            "One of the chosen IT systems is no longer registered."),
        [BrokerError.MandatePrivilegeUnknown] = (
            "En af de valgte rettigheder findes ikke i it-systemets katalog.",
            "One of the chosen privileges is not in the IT system's catalogue."),
        [BrokerError.MandatePartyInvalid] = (
            "Fuldmagtsgiver og fuldmægtig skal være to forskellige, og en borger kan kun give fuldmagt til en anden person.",
            "The grantor and the grantee must differ, and a citizen grants mandates to another person only."),
        [BrokerError.MandateLimitReached] = (
            "Der er nået det største antal fuldmagter for fuldmagtsgiveren.",
            "The grantor has reached the largest number of mandates."),
        [BrokerError.MandateRequestLimitReached] = (
            "Fuldmagtsgiveren har for mange ubesvarede anmodninger, eller du har allerede tre. Vent på et svar.",
            "The grantor has too many unanswered requests, or you already have three there. Wait for an answer."),
        [BrokerError.MandateOrganisationUnknown] = (
            "Der er ingen organisation registreret med dette CVR-nummer.",
            "No organisation is registered with this CVR number."),
        [BrokerError.MandateOrganisationNotActive] = (
            "Organisationen er ikke aktiv.",
            "The organisation is not active."),
        [BrokerError.MandateRevoked] = (
            "Fuldmagten er tilbagekaldt og kan ikke ændres mere.",
            "The mandate is revoked and changes no more."),
        [BrokerError.MandateExpired] = (
            "Fuldmagtens gyldighed er udløbet.",
            "The mandate's validity has ended."),
        [BrokerError.MandateNotRequested] = (
            "Fuldmagten venter ikke på godkendelse.",
            "The mandate is not waiting for approval."),
        [BrokerError.RequestIdReused] = (
            "Formularen er allerede sendt med andet indhold. Åbn den igen.",
            "The form was already sent with other content. Open it again."),
        [BrokerError.EmployeePersonUnknown] = (
            "Vi kender ingen person med dette CPR-nummer. Personen skal have logget ind med MitID her mindst én gang.",
            "We know no person with this CPR number. The person must have logged in here with MitID at least once."),
        [BrokerError.EmployeePersonAmbiguous] = (
            "Flere personer har dette CPR-nummer hos os. Kontakt support.",
            "More than one person has this CPR number here. Contact support."),
        [BrokerError.EmployeeRevoked] = (
            "Medarbejderen er slettet og kan ikke ændres mere.",
            "The employee is revoked and changes no more."),
        [BrokerError.EmployeeNotActive] = (
            "Medarbejderen er ikke aktiv og kan ikke få nye rettigheder.",
            "The employee is not active and cannot be given rights."),
        [BrokerError.EmployeeUnknown] = (
            "Organisationen har ingen medarbejder med dette id.",
            "The organisation has no employee with this id."),
        [BrokerError.EmployeeStatusInvalid] = (
            "Den status kan medarbejderen ikke få.",
            "The employee cannot be given that status."),
        [BrokerError.OrganisationNotActive] = (
            "Organisationen er ikke aktiv.",
            "The organisation is not active."),
        [BrokerError.OrganisationScopeNotOwned] = (
            "Organisationen ejer ikke det P-nummer eller SE-nummer.",
            "The organisation does not own that P number or SE number."),
        [BrokerError.RightsPrivilegeUnknown] = (
            "Rettigheden findes ikke i it-systemets katalog.",
            "The privilege is not in the IT system's catalogue."),
        [BrokerError.RightsScopeInvalid] = (
            "Vælg hvor rettigheden gælder: hele organisationen, et P-nummer eller et SE-nummer.",
            "Choose where the privilege applies: the whole organisation, a P number or an SE number."),
        [BrokerError.RightsUnknown] = (
            "Medarbejderen har ikke den rettighed.",
            "The employee does not hold that privilege."),
        [BrokerError.RightsLimitReached] = (
            "Medarbejderen har det største antal rettigheder.",
            "The employee holds the largest number of privileges."),
    }.ToFrozenDictionary(p => BrokerErrors.Name(p.Key), p => p.Value, StringComparer.Ordinal);

    private static readonly (string Danish, string English) General = (
        "Det kunne ikke gennemføres, og intet blev ændret.",
        "That could not be done, and nothing was changed.");

    /// <summary>The human text for <paramref name="code"/> in <paramref name="language"/>.</summary>
    public static string For(string code, string language)
    {
        var (danish, english) = Texts.TryGetValue(code, out var text) ? text : General;
        return language == Pages.PageLanguage.English ? english : danish;
    }
}
