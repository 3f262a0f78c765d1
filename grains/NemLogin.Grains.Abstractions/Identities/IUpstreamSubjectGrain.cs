namespace NemLogin.Grains.Identities;

/// <summary>
/// The link from an upstream identity provider's subject to the broker's identity, keyed
/// <c>{upstream}|{subject}</c> (see <see cref="UpstreamSubjectKey"/>).
/// </summary>
[Alias("nl.upstream-subject")]
public interface IUpstreamSubjectGrain : IGrainWithStringKey
{
    /// <summary>The identity this subject maps to, created (a new random UUID) on first call and stable afterwards.</summary>
    [Alias("resolve")]
    Task<Guid> ResolveIdentityAsync();
}
