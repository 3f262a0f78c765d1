namespace NemLogin.Silo.Keys;

internal static class KeysUsage
{
    public const string Text = """
        Usage: NemLogin.Silo keys <verb> [options]
          init-token  --token <label>                       initialise a free SoftHSM2 slot (development; SO PIN from Keys:SoPin)
          generate    --purpose <p> [--role current|next] [--algorithm rsa-2048|rsa-3072|ec-p256] [--subject "CN=…"] [--days <n>]
          issue-cert  --purpose <p> [--role current|next|previous] [--subject "CN=…"] [--days <n>]
          list
          retire      --purpose <p> --role next|previous
          promote     --purpose <p>                          next becomes current, current becomes previous (still published)
        <p>: saml-signing, token-signing or saml-encryption (RSA, decrypts only; its certificate is issued by the
             current saml-signing key, so generate that first).
        The token comes from Signing:Pkcs11 (LibraryPath, TokenLabel, Pin) or --token <label> / --library <path>;
        the PIN only from configuration or the environment (Signing__Pkcs11__Pin).
        """;
}
