using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.SelfService;

/// <summary>
/// The pieces of an accessible form (WCAG 2.1 AA): an error summary at the top whose entries link to their fields, and
/// fields with a visible label, an optional hint and their error, both tied to the input by <c>aria-describedby</c>.
/// </summary>
internal static class FormHtml
{
    /// <summary>The error summary, or nothing when there are no errors. Each entry shows its code for support.</summary>
    public static string ErrorSummary(SelfServiceRequest request, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0)
        {
            return string.Empty;
        }

        var items = string.Concat(errors.Select(e =>
        {
            var text = e.FieldId is null ? E(e.Message) : $"""<a href="#{E(e.FieldId)}">{E(e.Message)}</a>""";
            return $"""<li>{text} <span class="code" data-error-code="{E(e.Code)}">{E(e.Code)}</span></li>""";
        }));
        return $"""
            <div class="error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{E(request.Text.ErrorSummary)}</h2><ul>{items}</ul></div>
            """;
    }

    /// <summary>A labelled text or date input with its hint and error.</summary>
    public static string Input(string id, string name, string label, string value, IReadOnlyList<FieldError> errors, string? hint = null, string type = "text", string? extra = null)
    {
        var error = errors.FirstOrDefault(e => e.FieldId == id);
        var described = string.Join(' ', new[] { hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.OfType<string>());
        return $"""
            <label for="{E(id)}">{E(label)}</label>
            {(hint is null ? string.Empty : $"<p class=\"hint\" id=\"{E(id)}-hint\">{E(hint)}</p>")}
            {(error is null ? string.Empty : $"<p class=\"field-error\" id=\"{E(id)}-error\">{E(error.Message)}</p>")}
            <input type="{type}" id="{E(id)}" name="{E(name)}" value="{E(value)}"{(described.Length == 0 ? string.Empty : $" aria-describedby=\"{E(described)}\"")}{(error is null ? string.Empty : " aria-invalid=\"true\"")}{extra}>
            """;
    }

    /// <summary>The error shown inside a group (a fieldset of checkboxes), when one concerns <paramref name="id"/>.</summary>
    public static string GroupError(string id, IReadOnlyList<FieldError> errors) =>
        errors.FirstOrDefault(e => e.FieldId == id) is { } error ? $"""<p class="field-error" id="{E(id)}-error">{E(error.Message)}</p>""" : string.Empty;

    /// <summary>
    /// A request id for a form: the change it sends is made once however often the form is sent (a double click, a retry).
    /// A page issues a new one each time it is shown.
    /// </summary>
    public static string NewRequestId() => "self-service-" + Guid.NewGuid().ToString("N");

    /// <summary>The request id a form sent, or a new one when it sent none the broker could use (it names the sender's own change only).</summary>
    public static string RequestIdOf(IFormCollection form) =>
        Grains.Requests.RequestIds.IsWellFormed(form["requestId"].ToString()) ? form["requestId"].ToString() : NewRequestId();

    /// <summary>What a change did, shown at the top of the page it redirected to (a status message, read out without moving focus).</summary>
    public static string Notice(string? text) =>
        text is null ? string.Empty : $"""<p class="notice" role="status" id="notice">{E(text)}</p>""";

    /// <summary>A hidden field.</summary>
    public static string Hidden(string name, string value) => $"""<input type="hidden" name="{E(name)}" value="{E(value)}">""";

    /// <summary>A form with one button that posts an action (revoke, approve, …), with its form token and a fresh request id.</summary>
    public static string ActionButton(SelfServiceRequest request, string action, string label, string accessibleName, string? id = null) => $"""
        <form method="post" action="{E(action)}"{(id is null ? string.Empty : $" id=\"{E(id)}\"")} class="inline">{request.FormToken}{Hidden("requestId", NewRequestId())}<button type="submit" aria-label="{E(accessibleName)}">{E(label)}</button></form>
        """;
}
