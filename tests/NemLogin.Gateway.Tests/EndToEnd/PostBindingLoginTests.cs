using System.Net;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using NemLogin.Saml.Bindings;
using Xunit;

namespace NemLogin.Gateway.Tests.EndToEnd;

/// <summary>AuthnRequests over HTTP-POST, signed in the XML (OIOSAML 3 accepts POST beside Redirect).</summary>
public sealed class PostBindingLoginTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task PostBinding_SignedRequest_LogsIn()
    {
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);

        var login = await browser.PostFormAsync(fixture.SsoUrl, new Dictionary<string, string>
        {
            ["SAMLRequest"] = await fixture.SpA.PostBindingValueAsync(request),
            ["RelayState"] = "post-state",
        });
        var answer = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "dorte" });
        var form = answer.Form();
        var assertion = fixture.SpA.Validate(PostBinding.Decode(form.Fields["SAMLResponse"], SamlLimits.Default), request.Id, fixture.IdpMetadata).Value;

        Assert.Equal("post-state", form.Fields["RelayState"]);
        Assert.Equal(["Substantial"], assertion.Attributes[SamlConstants.Attributes.Loa]);
    }

    [Fact]
    public async Task PostBinding_UnsignedRequest_Refused()
    {
        // Attack class: signature exclusion on the POST binding.
        using var browser = new TestBrowser();
        var request = fixture.SpA.NewRequest(fixture.SsoUrl);

        var page = await browser.PostFormAsync(fixture.SsoUrl, new Dictionary<string, string>
        {
            ["SAMLRequest"] = PostBinding.Encode(NemLogin.Saml.Messages.AuthnRequestXml.Write(request)),
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal($"saml.{(int)SamlErrorCode.SignatureMissing}.{SamlErrorCode.SignatureMissing}", page.ErrorCode);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "nemlogin.sid");
    }
}
