namespace NemLogin.Demo.MitIdSimulator;

/// <summary>
/// A random per-browser value that a pending authorization is bound to. With the form token it makes the login form
/// unforgeable from another site: a cross-site post lacks the SameSite=Strict cookie (login CSRF).
/// </summary>
internal static class BrowserBindingCookie
{
    public const string Name = "mitid-sim-browser";

    public static string GetOrCreate(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(Name, out var existing) && existing.Length == 43)
        {
            return existing;
        }

        var value = RandomToken.Create();
        context.Response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = SimulatorUrls.BasePath,
            IsEssential = true,
        });
        return value;
    }

    public static string? Read(HttpContext context) => context.Request.Cookies.TryGetValue(Name, out var value) ? value : null;
}
