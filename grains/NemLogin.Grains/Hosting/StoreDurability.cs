using System.Reflection;

namespace NemLogin.Grains.Hosting;

/// <summary>
/// Which backing store each <see cref="StorageNames"/> store needs in cluster mode. Redis replicates asynchronously, so
/// only state whose loss costs no more than a new login lives there; everything whose loss would break a promise
/// (one-time IDs redeemed at most once, identities and their pseudonyms, SP registrations, organisations and rights, mandates, audit records) is durable in PostgreSQL.
/// </summary>
public static class StoreDurability
{
    /// <summary>Stores committed synchronously to PostgreSQL.</summary>
    public static IReadOnlyList<string> Durable { get; } =
    [
        StorageNames.ServiceProviders,
        StorageNames.Identities,
        StorageNames.OneTimeIds,
        StorageNames.Audit,
        // OpenID Connect clients and token entries: a code or refresh token is redeemed at most once, so its entry is durable.
        StorageNames.Oidc,
        // Organisations, business identities, their index, privileges catalogues and rights: administered data, like SPs.
        StorageNames.Organisations,
        // Mandates, their grantors' ledgers and grantees' indexes: a lost revocation would let a mandate come back.
        StorageNames.Mandates,
    ];

    /// <summary>Stores in Redis: a lost entry means the user logs in again.</summary>
    public static IReadOnlyList<string> Ephemeral { get; } =
    [
        StorageNames.Sessions,
        StorageNames.LoginFlows,
    ];

    /// <summary>Every store name declared in <see cref="StorageNames"/>.</summary>
    public static IReadOnlyList<string> Declared { get; } = typeof(StorageNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    /// <summary>Store names declared but given no durability: a cluster silo refuses to start with any of them.</summary>
    public static IReadOnlyList<string> Unclassified() => Declared.Except(Durable).Except(Ephemeral).ToArray();
}
