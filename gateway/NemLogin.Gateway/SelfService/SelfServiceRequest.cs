namespace NemLogin.Gateway.SelfService;

/// <summary>
/// One request to the self-service pages by a logged-in person: the person, the page language, the form token their
/// forms carry (<see cref="FormProtection"/>) and the organisations they administer (for the navigation and the checks).
/// </summary>
internal sealed record SelfServiceRequest(
    HttpContext Http,
    SelfServiceUser User,
    string Language,
    string FormToken,
    IReadOnlyList<AdministeredOrganisation> Organisations)
{
    public SelfServiceText Text => SelfServiceText.For(Language);

    public bool English => Language == Pages.PageLanguage.English;

    /// <summary>The text in the page's language.</summary>
    public string T(string danish, string english) => English ? english : danish;
}
