namespace NemLogin.Saml.Messages;

/// <summary>A SAML 2.0 LogoutResponse (SAML Core 3.7.2, a StatusResponseType) as written or read.</summary>
public sealed record LogoutResponse
{
    /// <summary>The response ID; a fresh random one unless set.</summary>
    public string Id { get; init; } = SamlId.New();

    /// <summary>The ID of the LogoutRequest this answers.</summary>
    public string? InResponseTo { get; init; }

    public required DateTimeOffset IssueInstant { get; init; }

    public string? Destination { get; init; }

    /// <summary>The sender's entity ID; empty when a received response carried none.</summary>
    public required string Issuer { get; init; }

    public string? IssuerFormat { get; init; }

    /// <summary>The top-level status (SAML Core 3.2.2.2): Success, Requester, Responder or VersionMismatch.</summary>
    public required string StatusCode { get; init; }

    /// <summary>A second-level status, e.g. <c>PartialLogout</c> under Success.</summary>
    public string? SubStatusCode { get; init; }

    public string? StatusMessage { get; init; }

    /// <summary>True when the top-level status is Success (a PartialLogout second level still counts as success of the sender itself).</summary>
    public bool IsSuccess => string.Equals(StatusCode, SamlConstants.StatusCodes.Success, StringComparison.Ordinal);

    /// <summary>True for Success without a PartialLogout second level: every session participant was logged out.</summary>
    public bool IsCompleteLogout =>
        IsSuccess && !string.Equals(SubStatusCode, SamlConstants.StatusCodes.PartialLogout, StringComparison.Ordinal);
}
