using System.Collections.Immutable;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Requests;

namespace NemLogin.Grains.Rights;

/// <summary>What every stored catalogue satisfies; <see cref="Normalise"/> also gives a replacement its canonical content.</summary>
internal static class PrivilegeCatalogueRules
{
    public const int MaxPrivileges = 500;
    public const int MaxConstraints = 50;
    public const int MaxUriLength = 1024;
    public const int MaxNameLength = 200;
    public const int MaxValueLength = 1000;

    /// <summary>The privileges checked, names trimmed, ordered by URI and their constraints by name.</summary>
    public static ImmutableArray<Privilege> Normalise(ImmutableArray<Privilege> privileges)
    {
        var all = privileges.IsDefault ? [] : privileges;
        Require(all.Length <= MaxPrivileges, $"A catalogue holds at most {MaxPrivileges} privileges.");
        var normal = all.Select(Normalise).OrderBy(p => p.Uri, StringComparer.Ordinal).ToImmutableArray();
        Require(normal.Select(p => p.Uri).Distinct(StringComparer.Ordinal).Count() == normal.Length, "Each privilege URI appears once.");
        return normal;
    }

    private static Privilege Normalise(Privilege? privilege)
    {
        Require(privilege is not null, "A privilege is an object with uri, name and constraints.");
        var uri = privilege!.Uri ?? string.Empty;

        // OIO Basic Privilege Profile: a privilege is a URI (urn: or http(s):), carried verbatim in the assertion.
        Require(uri.Length is > 0 and <= MaxUriLength && !uri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            && Uri.TryCreate(uri, UriKind.Absolute, out _), $"A privilege URI is absolute, without spaces, at most {MaxUriLength} characters.");
        var name = Text(privilege.Name, MaxNameLength, "A privilege name");
        var constraints = privilege.Constraints.IsDefault ? [] : privilege.Constraints;
        Require(constraints.Length <= MaxConstraints, $"A privilege has at most {MaxConstraints} constraints.");
        var normal = constraints
            .Select(c => c is null ? null! : new PrivilegeConstraint(Text(c.Name, MaxNameLength, "A constraint name"), Value(c.Value)))
            .OrderBy(c => c?.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        Require(normal.All(c => c is not null) && normal.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == normal.Length,
            "Each constraint has a name, and a name appears once per privilege.");
        return new Privilege(uri, name, normal);
    }

    private static string Text(string? text, int maxLength, string what)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        Require(trimmed.Length > 0 && trimmed.Length <= maxLength && !trimmed.Any(char.IsControl), $"{what} has 1 to {maxLength} characters and no control characters.");
        return trimmed;
    }

    private static string Value(string? value)
    {
        Require(value is { Length: <= MaxValueLength } && !value.Any(char.IsControl), $"A constraint value has at most {MaxValueLength} characters and no control characters.");
        return value!;
    }

    private static void Require(bool condition, string message) => Rules.Require(condition, BrokerError.PrivilegesCatalogueInvalid, message);
}
