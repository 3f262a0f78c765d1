namespace NemLogin.Gateway.SelfService;

/// <summary>
/// A problem with what was typed into a form: the field it concerns (the id the error summary links to; null for the
/// form as a whole), its stable code and the text shown.
/// </summary>
internal sealed record FieldError(string? FieldId, string Code, string Message);
