using NemLogin.Gateway.Upstream;
using NemLogin.Gateway.Upstream.MitId;
using NemLogin.Grains.Identities;
using NemLogin.Grains;

namespace NemLogin.Demo.MitIdSimulator;

/// <summary>The private identity a test user's MitID login resolves to (the same upstream subject key the login uses).</summary>
internal static class TestUserIdentities
{
    public static Task<Guid> ResolveAsync(IEnumerable<IUpstreamIdentityProvider> upstreams, IGrainFactory grains, TestUser user)
    {
        var mitId = upstreams.First(u => u.Name == MitIdUpstreamProvider.ProviderName);
        return grains.Reference<IUpstreamSubjectGrain>(UpstreamSubjectKey.For(mitId.AuthorityId, user.MitIdUuid.ToString())).ResolveIdentityAsync();
    }
}
