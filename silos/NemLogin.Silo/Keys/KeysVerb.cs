namespace NemLogin.Silo.Keys;

public enum KeysVerb
{
    InitToken,
    Generate,
    IssueCert,
    List,
    Retire,
    Promote,
}
