namespace NemLogin.Grains.OrganisationIdps;

[GenerateSerializer, Alias("nl.org-idp.state")]
public sealed record OrganisationIdpState
{
    [Id(0)] public OrganisationIdp? Idp { get; init; }

    /// <summary>The version the next registration gets: kept across a removal so versions never repeat.</summary>
    [Id(1)] public long LastVersion { get; init; }
}

[GenerateSerializer, Alias("nl.org-idp.directory.state")]
public sealed record OrganisationIdpDirectoryState
{
    /// <summary>The e-mail domains of each organisation with an IdP, by CVR.</summary>
    [Id(0)] public Dictionary<string, string[]> DomainsByCvr { get; init; } = new(StringComparer.Ordinal);
}
