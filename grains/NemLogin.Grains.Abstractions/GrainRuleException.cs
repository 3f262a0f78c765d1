namespace NemLogin.Grains;

/// <summary>
/// A grain refused a call because it would break one of the entity's rules. <see cref="Code"/> is stable
/// (tests and callers switch on it); the message is for operators and carries no personal data.
/// </summary>
[GenerateSerializer]
[Alias("nl.rule-exception")]
public sealed class GrainRuleException : Exception
{
    public GrainRuleException()
    {
        Code = "unknown";
    }

    public GrainRuleException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public GrainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "unknown";
    }

    [Id(0)]
    public string Code { get; init; }
}
