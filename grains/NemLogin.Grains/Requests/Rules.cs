using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Requests;

/// <summary>Builds the <see cref="GrainRuleException"/> of a numbered refusal.</summary>
internal static class Rules
{
    public static GrainRuleException Refuse(BrokerError error, string message) => new(BrokerErrors.Name(error), message);

    public static void Require(bool condition, BrokerError error, string message)
    {
        if (!condition)
        {
            throw Refuse(error, message);
        }
    }
}
