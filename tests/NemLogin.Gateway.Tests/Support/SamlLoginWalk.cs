using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>Walks a browser from an SP's redirect URL to the broker's auto-post form, logging in at the simulator when asked.</summary>
public static class SamlLoginWalk
{
    public sealed record Outcome(string ResponseXml, string? RelayState, bool SawLoginPage, TestBrowser.Page FinalPage);

    public static async Task<Outcome> RunAsync(TestBrowser browser, string redirectUrl, string user = "alice")
    {
        var page = await browser.GetAsync(redirectUrl);
        var sawLogin = false;
        if (page.Html.Contains("name=\"username\"", StringComparison.Ordinal))
        {
            sawLogin = true;
            page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["username"] = user });
        }

        Assert.True(page.HasForm, $"Expected the broker's POST form, got {(int)page.Status} at {page.Url}: {page.Html[..Math.Min(600, page.Html.Length)]}");
        var form = page.Form();
        Assert.True(form.Fields.ContainsKey("SAMLResponse"), $"No SAMLResponse in the form at {page.Url}; error code {page.ErrorCode}");
        form.Fields.TryGetValue("RelayState", out var relayState);
        return new Outcome(PostBinding.Decode(form.Fields["SAMLResponse"], SamlLimits.Default), relayState, sawLogin, page);
    }
}
