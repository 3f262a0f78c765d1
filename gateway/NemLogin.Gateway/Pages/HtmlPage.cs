using System.Text.Encodings.Web;

namespace NemLogin.Gateway.Pages;

/// <summary>The broker's page frame. Pages are small and server-rendered; every value is HTML-encoded by the caller via <see cref="E"/>.</summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
        h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top;word-break:break-all}
        .code{font-family:monospace;background:#f3f3f3;padding:.1rem .3rem}.error{border-left:4px solid #b00020;padding-left:1rem}
        button,.button{font-size:1rem;padding:.5rem 1.1rem;margin:.2rem .3rem .2rem 0;cursor:pointer}
        header{border-bottom:2px solid #1b1b1b;margin-bottom:1rem}header nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
        header form,form.inline{display:inline}.session{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem}.session p{margin:.3rem 0}
        table.list td,table.list th{word-break:normal;overflow-wrap:break-word}a{color:#0b4f9e}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f3b500;outline-offset:1px}
        label{display:block;font-weight:600;margin-top:.8rem}fieldset{margin:1rem 0;border:1px solid #767676}legend{font-weight:600}
        .choice label{display:inline;font-weight:400;margin:0}.choice{margin:.35rem 0}.nested{margin-left:1.6rem}
        .hint{color:#4a4a4a;margin:.1rem 0}.field-error{color:#b00020;font-weight:600;margin:.2rem 0}
        .error-summary{border:3px solid #b00020;padding:.5rem 1rem;margin:1rem 0}.notice{border-left:4px solid #107c10;padding-left:1rem}
        input[type=text],input[type=date],select{font-size:1rem;padding:.3rem;max-width:100%}
        """;

    /// <summary>HTML-encodes a value for text or a double-quoted attribute.</summary>
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    /// <summary>
    /// A page in <paramref name="language"/> (a BCP 47 tag: <c>en</c>, <c>da</c>), its content in one <c>main</c> landmark;
    /// <paramref name="headerHtml"/>, when given, goes in a <c>header</c> landmark before it (navigation, who is logged in).
    /// </summary>
    public static string Render(string title, string bodyHtml, string language = "en", string? headerHtml = null) => $"""
        <!DOCTYPE html>
        <html lang="{E(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{E(title)}</title><style>{Style}</style></head>
        <body>{(headerHtml is null ? string.Empty : "<header>" + headerHtml + "</header>")}<main>{bodyHtml}</main></body></html>
        """;

    /// <summary>An HTML result with headers that keep the page out of frames and caches.</summary>
    public static IResult Result(HttpContext context, string title, string bodyHtml, int statusCode = StatusCodes.Status200OK, string language = "en", string? headerHtml = null)
    {
        NoStore(context);
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return TypedResults.Content(Render(title, bodyHtml, language, headerHtml), "text/html; charset=utf-8", statusCode: statusCode);
    }

    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
