using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NemLogin.Gateway.Admin;
using Xunit;

namespace NemLogin.Gateway.Tests.Admin;

/// <summary>Broken authentication on the admin API: no key, a wrong key, another scheme, all the same 401.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminAuthenticationTests(AdminFixture fixture)
{
    [Fact]
    public async Task AdminApi_NoAuthorizationHeader_Unauthorized()
    {
        using var anonymous = new AdminClient(fixture.BaseUrl, apiKey: null);

        var reply = await anonymous.GetAsync("/api/admin/service-providers");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("admin.unauthorized", reply.ProblemCode);
        Assert.StartsWith("Bearer", reply.WwwAuthenticate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WrongKey_UnauthorizedLikeMissingKeyAndKeyNotEchoed()
    {
        using var anonymous = new AdminClient(fixture.BaseUrl, apiKey: null);
        using var wrong = new AdminClient(fixture.BaseUrl, AdminFixture.ApiKey[..^1] + "X");

        var missing = await anonymous.GetAsync("/api/admin/service-providers");
        var refused = await wrong.GetAsync("/api/admin/service-providers");

        // Nothing in the answer tells a near-miss from no key at all, and neither key appears in it.
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(missing.ProblemCode, refused.ProblemCode);
        Assert.Equal(missing.Json["title"]?.ToString(), refused.Json["title"]?.ToString());
        Assert.Equal(missing.Json["detail"]?.ToString(), refused.Json["detail"]?.ToString());
        Assert.DoesNotContain(AdminFixture.ApiKey[..12], refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_KeyInBasicScheme_Unauthorized()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(AdminFixture.ApiKey)));

        using var response = await http.GetAsync("/api/admin/service-providers", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_UnauthorizedRegistration_NothingRegistered()
    {
        using var wrong = new AdminClient(fixture.BaseUrl, "not-the-key-but-long-enough-to-look-plausible");
        var sp = AdminFixture.NewServiceProvider("unauthorised");

        var refused = await wrong.RegisterAsync(sp.Metadata());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetAsync(AdminClient.SpPath(sp.EntityId))).Status);
    }

    [Fact]
    public async Task AdminApi_RightKey_Authorized()
    {
        var reply = await fixture.Admin.GetAsync("/api/admin/service-providers");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("                                        ")]
    public void AdminOptions_WeakKey_RefusedAtStartUp(string key)
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { ApiKey = key });

        Assert.True(result.Failed);
    }

    [Fact]
    public void AdminOptions_NoKey_ApiOffAndValid()
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void AdminOptions_ApiKey_IsMarkedForRedaction() =>
        Assert.NotNull(typeof(AdminOptions).GetProperty(nameof(AdminOptions.ApiKey))!
            .GetCustomAttributes(typeof(Orleans.RedactAttribute), inherit: false).SingleOrDefault());
}
