namespace NemLogin.Gateway.SelfService;

/// <summary>The words every self-service page shares, in Danish (the default) and English.</summary>
internal sealed record SelfServiceText
{
    public required string Service { get; init; }
    public required string Navigation { get; init; }
    public required string Mandates { get; init; }
    public required string Grant { get; init; }
    public required string Request { get; init; }
    public required string LoggedInAs { get; init; }
    public required string LogOut { get; init; }
    public required string ErrorSummary { get; init; }
    public required string ErrorCode { get; init; }
    public required string Reference { get; init; }
    public required string BackToOverview { get; init; }
    public required string LogInAgain { get; init; }
    public required string Organisation { get; init; }

    // Refusal pages: the login, the form, the object.
    public required string LoaTooLowTitle { get; init; }
    public required string LoaTooLow { get; init; }
    public required string LoginFailedTitle { get; init; }
    public required string LoginFailed { get; init; }
    public required string LoginCancelled { get; init; }
    public required string SessionEndedTitle { get; init; }
    public required string SessionEnded { get; init; }
    public required string FormInvalidTitle { get; init; }
    public required string FormInvalid { get; init; }
    public required string NotYoursTitle { get; init; }
    public required string NotYours { get; init; }
    public required string NotAdministratorTitle { get; init; }
    public required string NotAdministrator { get; init; }

    public static SelfServiceText For(string language) => language == Pages.PageLanguage.English ? English : Danish;

    public static SelfServiceText Danish { get; } = new()
    {
        Service = "Selvbetjening",
        Navigation = "Selvbetjening",
        Mandates = "Fuldmagter",
        Grant = "Giv fuldmagt",
        Request = "Anmod om fuldmagt",
        LoggedInAs = "Logget ind som",
        LogOut = "Log ud",
        ErrorSummary = "Der er et problem",
        ErrorCode = "Fejlkode",
        Reference = "reference",
        BackToOverview = "Tilbage til dine fuldmagter",
        LogInAgain = "Log ind igen",
        Organisation = "Organisation",
        LoaTooLowTitle = "Dit login er ikke sikkert nok",
        LoaTooLow = "Selvbetjeningen kræver sikringsniveau Betydelig. Dit MitID gav et lavere niveau, så du kan ikke bruge selvbetjeningen med det. Log ind med et MitID på niveau Betydelig eller Høj.",
        LoginFailedTitle = "Login mislykkedes",
        LoginFailed = "Vi kunne ikke logge dig ind. Prøv igen.",
        LoginCancelled = "Du afbrød login. Du er ikke logget ind.",
        SessionEndedTitle = "Du er ikke længere logget ind",
        SessionEnded = "Dit login er udløbet eller afsluttet, så intet blev ændret. Log ind igen og prøv igen.",
        FormInvalidTitle = "Formularen kunne ikke bruges",
        FormInvalid = "Formularen var for gammel eller kom ikke fra denne side, så intet blev ændret. Åbn siden igen og prøv igen.",
        NotYoursTitle = "Det kan du ikke ændre",
        NotYours = "Fuldmagten findes ikke, eller det er ikke dig, der kan ændre den. Intet blev ændret.",
        NotAdministratorTitle = "Du administrerer ikke denne organisation",
        NotAdministrator = "Kun organisationens administratorer kan se og ændre dette. Intet blev ændret.",
    };

    public static SelfServiceText English { get; } = new()
    {
        Service = "Self-service",
        Navigation = "Self-service",
        Mandates = "Mandates",
        Grant = "Grant a mandate",
        Request = "Request a mandate",
        LoggedInAs = "Logged in as",
        LogOut = "Log out",
        ErrorSummary = "There is a problem",
        ErrorCode = "Error code",
        Reference = "reference",
        BackToOverview = "Back to your mandates",
        LogInAgain = "Log in again",
        Organisation = "Organisation",
        LoaTooLowTitle = "Your login is not strong enough",
        LoaTooLow = "Self-service requires the assurance level Substantial. Your MitID gave a lower level, so you cannot use self-service with it. Log in with a MitID at level Substantial or High.",
        LoginFailedTitle = "The login failed",
        LoginFailed = "We could not log you in. Please try again.",
        LoginCancelled = "You cancelled the login. You are not logged in.",
        SessionEndedTitle = "You are no longer logged in",
        SessionEnded = "Your login has expired or ended, so nothing was changed. Log in again and try again.",
        FormInvalidTitle = "The form could not be used",
        FormInvalid = "The form was too old or did not come from this page, so nothing was changed. Open the page again and try again.",
        NotYoursTitle = "You cannot change that",
        NotYours = "The mandate does not exist, or you are not the one who can change it. Nothing was changed.",
        NotAdministratorTitle = "You do not administer this organisation",
        NotAdministrator = "Only the organisation's administrators can see and change this. Nothing was changed.",
    };
}
