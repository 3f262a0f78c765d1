using System.Globalization;
using System.Security.Cryptography;
using NemLogin.Gateway.Pages;
using NemLogin.Grains.Sessions;
using static NemLogin.Gateway.Pages.HtmlPage;

namespace NemLogin.Gateway.Logout;

/// <summary>The pages of single logout: the progress page that tells every participant, the frames' pages, the result.</summary>
internal static class LogoutPages
{
    /// <summary>
    /// Tells every pending participant at once, each in a hidden frame of its own, so one that never answers costs the
    /// person <paramref name="timeout"/> and no more. A script polls the flow and finishes as soon as everyone answered;
    /// without JavaScript a refresh finishes at the timeout. OpenID Connect clients' front-channel logout pages load in frames
    /// of their own; the script also waits for those to load (they send no answer), bounded by the same timeout.
    /// </summary>
    public static IResult Progress(HttpContext context, string flowToken, LogoutFlowSnapshot flow, IEnumerable<string> frameOrigins, TimeSpan timeout)
    {
        var path = "/logout/" + flowToken;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var seconds = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var items = string.Concat(flow.Targets.Select((t, i) =>
            $"""<li><span class="code">{E(t.ServiceProviderId)}</span> &mdash; <span id="target-{i}">{Label(t.Status)}</span></li>"""));
        var frames = string.Concat(flow.Targets.Select((t, i) => t.Status == LogoutTargetStatus.Pending
            ? $"""<iframe src="{path}/participants/{i}" title="Logging out of {E(t.ServiceProviderId)}" width="0" height="0" hidden></iframe>"""
            : string.Empty));

        // Set from the script once it listens for their load events; without JavaScript the noscript copies load them.
        var frontChannel = string.Concat(flow.Plan.FrontChannelFrames.Select(url =>
            $"""<iframe data-front-channel="{E(url)}" title="Logging out of a relying party" width="0" height="0" hidden></iframe>"""));
        var frontChannelNoScript = string.Concat(flow.Plan.FrontChannelFrames.Select(url =>
            $"""<iframe src="{E(url)}" title="Logging out of a relying party" width="0" height="0" hidden></iframe>"""));
        var body = $"""
            <noscript><meta http-equiv="refresh" content="{seconds};url={path}/finish"></noscript>
            <h1>Logging you out</h1>
            <p>The services you used in this session are being told that you logged out.</p>
            <ul id="targets">{items}</ul>
            <p><a class="button" id="finish" href="{path}/finish">Continue</a></p>
            {frames}
            {frontChannel}<noscript>{frontChannelNoScript}</noscript>
            <script nonce="{nonce}">{Script(path, timeout)}</script>
            """;
        var origins = string.Join(' ', frameOrigins.Distinct(StringComparer.Ordinal));
        return Page(context, "Logging out", body,
            $"default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self'; frame-src 'self' {origins}; style-src 'unsafe-inline'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    /// <summary>The result: logged out at the broker, and which services confirmed (null: there were none to tell).</summary>
    public static IResult LoggedOut(HttpContext context, LogoutFlowSnapshot? flow)
    {
        var outcome = flow is null || flow.Targets.IsEmpty
            ? "<p>You are logged out.</p>"
            : (flow.AllLoggedOut
                ? "<p>You are logged out of the broker and of every service below.</p>"
                : "<p class=\"error\">You are logged out of the broker, but not every service confirmed. Close the browser to be sure.</p>")
              + "<ul>" + string.Concat(flow.Targets.Select(t =>
                  $"""<li><span class="code">{E(t.ServiceProviderId)}</span> &mdash; <span data-status="{t.Status}">{Label(t.Status)}</span></li>""")) + "</ul>";
        return HtmlPage.Result(context, "Logged out", $"""<h1 id="logged-out">Logged out</h1>{outcome}""");
    }

    /// <summary>The broker's own logout page: what the session holds, and the button that ends it.</summary>
    public static IResult Start(HttpContext context, SessionSnapshot? session)
    {
        if (session is null)
        {
            return HtmlPage.Result(context, "Log out", """<h1>Log out</h1><p id="no-session">You are not logged in at the broker.</p>""");
        }

        var services = string.Concat(session.Participants.Select(p => $"""<li><span class="code">{E(p.ServiceProviderId)}</span></li>"""));
        var body = $"""
            <h1>Log out</h1>
            <p>You are logged in at the broker{(session.Participants.IsEmpty ? "." : " and at these services:")}</p>
            <ul>{services}</ul>
            <form method="post" action="/logout"><button type="submit">Log out everywhere</button></form>
            """;
        return HtmlPage.Result(context, "Log out", body);
    }

    /// <summary>A small page inside one of the progress page's frames (only the broker may frame it).</summary>
    public static IResult Framed(HttpContext context, string text) =>
        Page(context, "Logout", $"<p>{E(text)}</p>",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'");

    private static IResult Page(HttpContext context, string title, string body, string contentSecurityPolicy)
    {
        NoStore(context);
        context.Response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        return TypedResults.Content(Render(title, body), "text/html; charset=utf-8");
    }

    private static string Label(LogoutTargetStatus status) => status switch
    {
        LogoutTargetStatus.LoggedOut => "logged out",
        LogoutTargetStatus.Failed => "could not log out",
        _ => "waiting",
    };

    private static string Script(string path, TimeSpan timeout) => $$"""
        (function () {
          var labels = { LoggedOut: "logged out", Failed: "could not log out", Pending: "waiting" };
          var frontChannel = document.querySelectorAll("iframe[data-front-channel]"), unloaded = frontChannel.length;
          frontChannel.forEach(function (f) {
            f.addEventListener("load", function () { unloaded--; });
            f.src = f.getAttribute("data-front-channel");
          });
          var finished = false;
          function finish() { if (!finished) { finished = true; location.replace("{{path}}/finish"); } }
          // The deadline is a timer of its own, so a status request that never answers cannot hold the person.
          setTimeout(finish, {{((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}});
          function poll() {
            if (finished) { return; }
            fetch("{{path}}/status", { credentials: "same-origin", cache: "no-store" })
              .then(function (r) { return r.ok ? r.json() : null; })
              .then(function (s) {
                if (s) {
                  s.targets.forEach(function (t, i) { var e = document.getElementById("target-" + i); if (e) { e.textContent = labels[t] || t; } });
                  if (s.pending === 0 && unloaded <= 0) { return finish(); }
                }
                setTimeout(poll, 250);
              }, function () { setTimeout(poll, 250); });
          }
          poll();
        })();
        """;
}
