namespace NemLogin.Gateway.Sessions;

/// <summary>What an id the broker hands out names. Each purpose has its own protector: an id issued for one cannot pass as another.</summary>
internal enum IssuedIdPurpose
{
    Session,
    LoginFlow,
    LogoutFlow,
}
