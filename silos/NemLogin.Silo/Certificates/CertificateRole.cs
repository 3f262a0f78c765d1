namespace NemLogin.Silo.Certificates;

/// <summary>Whom a certificate from <c>certs issue</c> is for.</summary>
internal enum CertificateRole
{
    /// <summary>A silo: serves its silo and gateway ports and calls other silos.</summary>
    Silo,

    /// <summary>A gateway (Orleans client): calls silos only.</summary>
    Gateway,

    /// <summary>PostgreSQL or Redis: serves TLS to the cluster, is never accepted as a silo or gateway.</summary>
    Store,

    /// <summary>
    /// The gateways' data-protection key ring: encrypts its keys at rest in Redis. RSA (XML encryption wraps keys with
    /// RSA only), key encipherment only, no TLS usage: never accepted as a silo, gateway or store.
    /// </summary>
    KeyRing,
}
