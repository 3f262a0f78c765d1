namespace NemLogin.Silo.Certificates;

internal static class CertsUsage
{
    public const string Text = """
        Usage: NemLogin.Silo certs <verb> [options]
          init-ca  --dir <folder> [--subject "CN=…"] [--days <n>]      the cluster CA: <folder>/ca.crt and ca.key (default 3650 days)
          issue    --dir <ca folder> --role silo|gateway|store|keyring --name <name> [--dns a,b] [--ip 10.0.0.5,…] [--out <folder>] [--days <n>]
                   <out>/<name>.crt and <name>.key (default: the CA folder, 365 days), and <out>/ca.crt if it is not there;
                            the name is also a DNS name of the certificate; keyring: an RSA 3072 certificate that encrypts the
                   gateways' data-protection keys at rest (DataProtection__CertificatePath, DataProtection__KeyPath)
        The CA key's password comes from configuration only (Certs__CaKeyPassword); a silo's or gateway's key is encrypted
        with ClusterTls__KeyPassword when that is set, and so is the key ring's (a store's key never is: PostgreSQL and Redis read it unattended).
        Keys are written mode 600; nothing is overwritten.
        """;
}
