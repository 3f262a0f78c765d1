using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace NemLogin.Demo.DemoRp;

/// <summary>The demo RP's small state in data-protected cookies under <c>/demo-rp</c>.</summary>
internal static class DemoRpCookies
{
    public const string Pending = "demo-rp.pending";
    public const string User = "demo-rp.user";

    /// <summary>The raw ID token, sent back as <c>id_token_hint</c> at logout (its own cookie: the user cookie is near the size limit).</summary>
    public const string IdToken = "demo-rp.idt";
    private const string Path = "/demo-rp";

    public static void Write<T>(HttpContext context, IDataProtectionProvider protection, string name, T value) =>
        context.Response.Cookies.Append(name, protection.CreateProtector("demo-rp", name).Protect(JsonSerializer.Serialize(value)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = Path,
        });

    public static T? Read<T>(HttpContext context, IDataProtectionProvider protection, string name)
    {
        try
        {
            return context.Request.Cookies[name] is { } raw ? JsonSerializer.Deserialize<T>(protection.CreateProtector("demo-rp", name).Unprotect(raw)) : default;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return default;
        }
    }

    public static void Delete(HttpContext context, string name) => context.Response.Cookies.Delete(name, new CookieOptions { Path = Path });
}
