using System.Text;
using System.Text.Encodings.Web;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>The simulator's HTML: plain forms, no JavaScript. Every dynamic value is HTML-encoded.</summary>
internal static class SimulatorPages
{
    public const string PendingField = "pending";
    public const string FormTokenField = "form_token";
    public const string UsernameField = "username";
    public const string ActionField = "action";
    public const string LoginAction = "login";
    public const string CancelAction = "cancel";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Login(LoginPageModel model)
    {
        var body = new StringBuilder();
        body.Append("<h1>MitID simulator</h1>");
        body.Append("<p>A test stand-in for MitID. Log in as one of the fictitious people below.</p>");
        body.Append("<p>Requested by <code>").Append(Html.Encode(model.ClientId)).Append("</code>");
        if (!string.IsNullOrEmpty(model.AcrValues))
        {
            body.Append(", level requested: <code>").Append(Html.Encode(model.AcrValues)).Append("</code>");
        }

        body.Append(".</p>");
        if (model.Error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(model.Error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"").Append(Html.Encode(model.FormAction)).Append("\">");
        Hidden(body, PendingField, model.PendingId);
        Hidden(body, FormTokenField, model.FormToken);
        body.Append("<label for=\"username\">User name</label> ");
        body.Append("<input type=\"text\" id=\"username\" name=\"").Append(UsernameField).Append("\" value=\"").Append(Html.Encode(model.LoginHint ?? string.Empty))
            .Append("\" autocomplete=\"username\" autofocus> ");
        body.Append("<button type=\"submit\" name=\"").Append(ActionField).Append("\" value=\"").Append(LoginAction).Append("\">Log in</button> ");
        body.Append("<button type=\"submit\" name=\"").Append(ActionField).Append("\" value=\"").Append(CancelAction).Append("\">Cancel</button>");
        body.Append("</form>");
        AppendUsers(body);
        return Document("MitID simulator – log in", body.ToString());
    }

    public static string Error(string message) =>
        Document("MitID simulator – error", $"<h1>MitID simulator</h1><p class=\"error\" role=\"alert\">{Html.Encode(message)}</p>");

    private static void AppendUsers(StringBuilder body)
    {
        body.Append("<table><thead><tr><th>User name</th><th>Name</th><th>Level of assurance</th></tr></thead><tbody>");
        foreach (var user in TestUsers.All)
        {
            body.Append("<tr><td><code>").Append(Html.Encode(user.Username)).Append("</code></td><td>")
                .Append(Html.Encode($"{user.GivenName} {user.FamilyName}")).Append("</td><td>")
                .Append(user.Loa.ToString()).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }

    private static void Hidden(StringBuilder body, string name, string value) =>
        body.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Html.Encode(value)).Append("\">");

    private static string Document(string title, string body) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Html.Encode(title)}}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}.error{color:#a00}td,th{padding:.2rem .6rem;text-align:left}</style>
        </head><body><main>{{body}}</main></body></html>
        """;
}
