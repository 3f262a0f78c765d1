namespace NemLogin.Saml.Metadata;

/// <summary>A metadata endpoint (SAML Metadata 2.2.2–2.2.3); <see cref="Index"/> is the document position for unindexed ones.</summary>
public sealed record EndpointInfo(string Binding, string Location, int Index, bool IsDefault)
{
    /// <summary>Where responses go when it differs from <see cref="Location"/> (SAML Metadata 2.2.2); null otherwise.</summary>
    public string? ResponseLocation { get; init; }
}
