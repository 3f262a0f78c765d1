namespace NemLogin.Grains.Identities;

/// <summary>
/// The OIOSAML 3 eID attribute profile a party asks for: the citizen (<c>https://data.gov.dk/eid/Person</c>) or an
/// employee acting for an organisation (<c>https://data.gov.dk/eid/Professional</c>, an OpenID Connect client's
/// <c>professional</c> scope). Numbers are stored; never renumber.
/// </summary>
[GenerateSerializer]
[Alias("nl.identity.eid-profile")]
public enum EidProfile
{
    Person = 0,
    Professional = 1,
}
