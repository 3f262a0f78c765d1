using System.Text;
using System.Xml;
using System.Xml.Linq;
using NemLogin.Saml.Privileges;

namespace NemLogin.LoadTests.Scenarios.Professional;

/// <summary>One <c>PrivilegeGroup</c> of an OIO Basic Privilege Profile document: its scope and privilege URIs.</summary>
public sealed record PrivilegeScope(string Scope, IReadOnlyList<string> Privileges);

/// <summary>
/// Reads the <c>privilegesIntermediate</c> attribute as an SP does: base64, then the OIO Basic Privilege Profile XML
/// (root <c>PrivilegeList</c> in the profile's namespace, unqualified <c>PrivilegeGroup Scope=…</c> with <c>Privilege</c>
/// children). No DTDs; anything else is a <see cref="FormatException"/>.
/// </summary>
public static class PrivilegeList
{
    public const string CvrScopePrefix = "urn:dk:gov:saml:cvrNumberIdentifier:";
    public const string CprScopePrefix = "urn:dk:gov:saml:cprNumberIdentifier:";

    /// <summary>
    /// The assertion's <c>privilegesIntermediate</c> document as an SP reads it, or the SP's failure: none (or more than one
    /// value) is <c>assertion.no-privileges</c>, an unreadable one <c>assertion.privileges-unreadable</c>.
    /// </summary>
    public static (IReadOnlyList<PrivilegeScope>? Groups, Metrics.StepOutcome? Failure) FromAssertion(NemLogin.Saml.Messages.SamlAssertion assertion)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        if (!assertion.Attributes.TryGetValue(NemLogin.Saml.SamlConstants.Attributes.PrivilegesIntermediate, out var values) || values.Count != 1)
        {
            return (null, Metrics.StepOutcome.Fail("assertion.no-privileges", reason: "The assertion carries no privilegesIntermediate."));
        }

        try
        {
            return (ReadBase64(values[0]), null);
        }
        catch (FormatException ex)
        {
            return (null, Metrics.StepOutcome.Fail("assertion.privileges-unreadable", reason: ex.Message));
        }
    }

    public static IReadOnlyList<PrivilegeScope> ReadBase64(string encoded)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException ex)
        {
            throw new FormatException("privilegesIntermediate is not base64.", ex);
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException("privilegesIntermediate is not XML: " + ex.Message, ex);
        }

        var root = document.Root!;
        if (root.Name != XName.Get("PrivilegeList", BasicPrivilegeProfile.Namespace))
        {
            throw new FormatException($"The privileges document's root is {root.Name}, not PrivilegeList in {BasicPrivilegeProfile.Namespace}.");
        }

        return [.. root.Elements("PrivilegeGroup").Select(g => new PrivilegeScope(
            (string?)g.Attribute("Scope") ?? throw new FormatException("A PrivilegeGroup has no Scope."),
            [.. g.Elements("Privilege").Select(p => p.Value.Trim())]))];
    }

    /// <summary>Why this document is not exactly <paramref name="expected"/> privileges of this SP for <paramref name="cvr"/>, or null when it is.</summary>
    public static string? Mismatch(IReadOnlyList<PrivilegeScope> groups, string cvr, string privilegePrefix, int expected)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var privileges = groups.SelectMany(g => g.Privileges).ToList();
        var builder = new StringBuilder();
        if (groups.Any(g => g.Scope != CvrScopePrefix + cvr))
        {
            builder.Append($"scopes {string.Join(", ", groups.Select(g => g.Scope))} are not all CVR {cvr}; ");
        }

        if (privileges.Any(p => !p.StartsWith(privilegePrefix, StringComparison.Ordinal)))
        {
            builder.Append("privileges of another IT system; ");
        }

        if (privileges.Count != expected)
        {
            builder.Append($"{privileges.Count} privileges, expected {expected}; ");
        }

        return builder.Length == 0 ? null : builder.ToString().TrimEnd(' ', ';');
    }
}
