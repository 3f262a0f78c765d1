namespace NemLogin.Saml.Messages;

/// <summary>The envelope of a SAML Response (SAML Core 3.3.3, 3.2.2): who sent it, to where, in answer to what, and the status.</summary>
public sealed record SamlResponse
{
    public required string Id { get; init; }

    public string? InResponseTo { get; init; }

    public string? Destination { get; init; }

    /// <summary>The issuing IdP; empty when the response carried no Issuer.</summary>
    public required string Issuer { get; init; }

    public required string StatusCode { get; init; }

    public string? SubStatusCode { get; init; }

    public string? StatusMessage { get; init; }

    public required DateTimeOffset IssueInstant { get; init; }
}
