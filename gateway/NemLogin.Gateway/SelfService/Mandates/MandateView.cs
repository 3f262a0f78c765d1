using NemLogin.Grains.Mandates;

namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// A mandate as the pages show it: the parties by name (an organisation with its CVR number; never a CPR number) and each
/// IT system by its display name, with the names of the chosen privileges when the mandate does not cover all of it.
/// </summary>
internal sealed record MandateView(Mandate Mandate, string GrantorName, string GranteeName, IReadOnlyList<MandateSystemView> Systems);

/// <summary>One IT system of a shown mandate; <see cref="Privileges"/> empty means all of it.</summary>
internal sealed record MandateSystemView(string Name, IReadOnlyList<string> Privileges);
