using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace NemLogin.Demo.DemoSp;

/// <summary>The demo SP's own small state, each value in a data-protected cookie under <c>/demo-sp</c>.</summary>
internal static class DemoSpCookies
{
    public const string Pending = "demo-sp.pending";
    public const string User = "demo-sp.user";
    public const string PendingLogout = "demo-sp.logout";

    private const string Path = "/demo-sp";

    public static void Write<T>(HttpContext context, IDataProtectionProvider protection, string name, T value)
    {
        var protector = protection.CreateProtector("demo-sp", name);
        context.Response.Cookies.Append(name, protector.Protect(JsonSerializer.Serialize(value)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = Path,
        });
    }

    public static T? Read<T>(HttpContext context, IDataProtectionProvider protection, string name)
    {
        var raw = context.Request.Cookies[name];
        if (raw is null)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protection.CreateProtector("demo-sp", name).Unprotect(raw));
        }
        catch (CryptographicException)
        {
            return default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public static void Delete(HttpContext context, string name) => context.Response.Cookies.Delete(name, new CookieOptions { Path = Path });
}
