using NemLogin.Grains.Mandates;
using NemLogin.Grains.Rights;

namespace NemLogin.Gateway.Admin;

/// <summary>A mandate as the admin API shows it: parties by identity id or CVR (never a CPR number, never a name).</summary>
internal sealed record MandateDocument(
    Guid Id,
    string Kind,
    string Status,
    PartyDocument Grantor,
    PartyDocument Grantee,
    IReadOnlyList<MandateSystemDocument> Systems,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MandateDocument From(Mandate mandate) => new(
        mandate.Id,
        mandate.Kind.ToString(),
        mandate.Status.ToString(),
        PartyDocument.From(mandate.Grantor),
        PartyDocument.From(mandate.Grantee),
        [.. mandate.Systems.Select(s => new MandateSystemDocument(s.System.Kind == ItSystemKind.Oidc ? "oidc" : "saml", s.System.Id, s.CoversAll ? null : [.. s.Privileges]))],
        mandate.ValidFrom,
        mandate.ValidTo,
        mandate.Version,
        mandate.CreatedAt,
        mandate.UpdatedAt);
}

/// <summary>A party: <c>identityId</c> for a person, <c>cvr</c> for an organisation.</summary>
internal sealed record PartyDocument(Guid? IdentityId, string? Cvr)
{
    public static PartyDocument From(MandateParty party) => party.PersonId is { } id ? new(id, null) : new(null, party.Id);
}

/// <summary>One IT system of a mandate; <c>privileges</c> null means all of the system.</summary>
internal sealed record MandateSystemDocument(string Kind, string Id, IReadOnlyList<string>? Privileges);

/// <summary>The answer to <c>GET /api/admin/mandates</c>.</summary>
internal sealed record MandateList(IReadOnlyList<MandateDocument> Mandates);
