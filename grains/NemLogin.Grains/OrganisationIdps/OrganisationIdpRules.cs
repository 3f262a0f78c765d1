using System.Collections.Immutable;
using NemLogin.Grains.Assurance;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.OrganisationIdps;

/// <summary>What every stored IdP registration satisfies; <see cref="Normalise"/> also sorts and lower-cases the domains.</summary>
internal static class OrganisationIdpRules
{
    public const int MaxEntityIdLength = 1024;
    public const int MaxDomains = 50;
    public const int MaxCertificates = 4;
    private const int MaxDomainLength = 253;

    public static OrganisationIdpRegistration Normalise(OrganisationIdpRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Rules.Require(registration.EntityId is { Length: > 0 and <= MaxEntityIdLength } && !registration.EntityId.Any(char.IsControl),
            BrokerError.OrganisationIdpEntityIdInvalid, $"The entityID has 1 to {MaxEntityIdLength} characters.");
        Rules.Require(!registration.SigningCertificates.IsDefaultOrEmpty && registration.SigningCertificates.Length <= MaxCertificates
            && registration.SigningCertificates.All(c => c is { Length: > 0 }),
            BrokerError.OrganisationIdpCertificateInvalid, $"The IdP has 1 to {MaxCertificates} signing certificates.");
        Rules.Require(Uri.TryCreate(registration.SingleSignOnUrl, UriKind.Absolute, out var sso) && sso.Scheme is "https" or "http",
            BrokerError.OrganisationIdpEndpointInvalid, "The SingleSignOnService is an absolute http(s) URL.");

        // NSIS: a level above Substantial needs a notified (eIDAS) scheme; the admin says so explicitly.
        Rules.Require(registration.MaxLoa is LevelOfAssurance.Low or LevelOfAssurance.Substantial
            || (registration.MaxLoa == LevelOfAssurance.High && registration.Notified),
            BrokerError.OrganisationIdpLoaInvalid, "The level cap is Low or Substantial; High only for a notified IdP.");

        var domains = registration.EmailDomains.IsDefault
            ? []
            : registration.EmailDomains.Select(d => (d ?? string.Empty).Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        Rules.Require(domains.Length <= MaxDomains && domains.All(IsDomain), BrokerError.OrganisationIdpDomainInvalid,
            $"An e-mail domain is a DNS name with at least one dot (letters, digits, hyphens); at most {MaxDomains}.");
        return registration with { EmailDomains = domains };
    }

    /// <summary>A DNS name of letters, digits and hyphens in labels of 1 to 63, with at least two labels.</summary>
    public static bool IsDomain(string domain)
    {
        if (domain.Length is 0 or > MaxDomainLength)
        {
            return false;
        }

        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-'
            && l.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'));
    }
}
