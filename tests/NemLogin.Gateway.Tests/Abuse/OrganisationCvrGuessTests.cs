using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Grains.Organisations;
using Orleans.Runtime;
using Xunit;

namespace NemLogin.Gateway.Tests.Abuse;

/// <summary>
/// Resource exhaustion through the upstream choice page: typed CVR numbers that name no organisation IdP are answered from
/// the IdP directory, so guessing numbers activates no IdP grain per guess; the person is asked again.
/// </summary>
public sealed class OrganisationCvrGuessTests(DemoOrganisationIdpFixture fixture) : IClassFixture<DemoOrganisationIdpFixture>
{
    [Fact]
    public async Task ChoicePage_WellFormedCvrsWithoutIdp_AskedAgainWithoutIdpActivations()
    {
        using var browser = new TestBrowser();
        var page = await browser.GetAsync(fixture.BaseUrl + "/demo-sp/login?profile=professional");
        var before = await IdpActivationsAsync();

        foreach (var cvr in WellFormedCvrs().Take(12))
        {
            page = await browser.SubmitAsync(page, new Dictionary<string, string> { ["organisation"] = cvr }, "choice", "organisation");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("id=\"organisation-error\"", page.Html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await IdpActivationsAsync());
    }

    private static IEnumerable<string> WellFormedCvrs()
    {
        for (var n = 20_000_000; ; n++)
        {
            var cvr = n.ToString(CultureInfo.InvariantCulture);
            if (BusinessNumbers.IsCvr(cvr) && cvr != DemoOrganisationData.Cvr)
            {
                yield return cvr;
            }
        }
    }

    private async Task<int> IdpActivationsAsync()
    {
        var statistics = await fixture.Broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(".OrganisationIdpGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
