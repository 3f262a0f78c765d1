namespace NemLogin.LoadTests.Faults;

/// <summary>
/// One write of the side writer: its kind, the id it is found by afterwards, when it started and ended (run clock,
/// seconds), whether the broker acknowledged it, and after the read-back whether it was found (null: not acknowledged,
/// or the read-back could not tell).
/// </summary>
public sealed record SideWrite(string Kind, string Id, double StartedAt, double EndedAt, bool Acknowledged, string? Failure)
{
    public const string ServiceProvider = "sp-registration";
    public const string Mandate = "mandate-grant";
    public const string Session = "session";

    public static readonly IReadOnlyList<string> Kinds = [ServiceProvider, Mandate, Session];

    public bool? Found { get; set; }
}
