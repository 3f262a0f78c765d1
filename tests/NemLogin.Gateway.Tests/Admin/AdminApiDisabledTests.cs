using System.Net;
using NemLogin.Gateway.Tests.Support;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>Without Admin:ApiKey the API does not exist: every path answers 404, with or without a key.</summary>
public sealed class AdminApiDisabledTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    [Theory]
    [InlineData("GET", "/api/admin/service-providers")]
    [InlineData("POST", "/api/admin/service-providers")]
    [InlineData("GET", "/api/admin/audit")]
    public async Task AdminApi_NoKeyConfigured_NotFound(string method, string path)
    {
        using var client = new AdminClient(fixture.BaseUrl, AdminFixture.ApiKey);

        var reply = await client.SendAsync(new HttpMethod(method), path, null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task AdminApi_NoKeyConfigured_MetadataPostRegistersNothing()
    {
        using var client = new AdminClient(fixture.BaseUrl, AdminFixture.ApiKey);
        var sp = AdminFixture.NewServiceProvider("disabled-api");

        await client.RegisterAsync(sp.Metadata());
        using var browser = new TestBrowser();
        var page = await browser.GetAsync(await sp.RedirectUrlAsync(fixture.SsoUrl, sp.NewRequest(fixture.SsoUrl)));

        Assert.Equal("saml.502.IssuerUnknown", page.ErrorCode);
    }
}
