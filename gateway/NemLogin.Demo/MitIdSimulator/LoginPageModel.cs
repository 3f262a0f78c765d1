namespace NemLogin.Demo.MitIdSimulator;

/// <summary>What the login page shows: the form's hidden binding and an optional error from the previous attempt.</summary>
internal sealed record LoginPageModel(string FormAction, string PendingId, string FormToken, string ClientId, string? AcrValues, string? Error)
{
    /// <summary>The user name the form starts with (the request's <c>login_hint</c>).</summary>
    public string? LoginHint { get; init; }

    public static LoginPageModel For(HttpContext context, string pendingId, PendingAuthorization pending, string? error) =>
        new(context.Request.PathBase + SimulatorUrls.BasePath + "/authorize", pendingId, pending.FormToken, pending.ClientId, pending.AcrValues, error)
        {
            LoginHint = pending.LoginHint,
        };
}
