namespace NemLogin.Population;

/// <summary>
/// The national figures the population is a fraction of (the scale to design for): organisations, business identities
/// and active mandates as MitID Erhverv and Fuldmagt count them. The number of people is this project's choice, not a
/// published figure: enough that a grantee holds about three mandates and an employee about one business identity.
/// </summary>
public static class NationalScale
{
    public const int Organisations = 340_000;
    public const int BusinessIdentities = 1_236_379;
    public const int Mandates = 3_252_353;
    public const int People = 1_000_000;
}
