using Xunit;

namespace NemLogin.Gateway.Tests.Support;

/// <summary>What a broker that must not start says: every message of the exception it stops with, joined.</summary>
public static class StartupRefusal
{
    public static string Of(BrokerFactory broker)
    {
        var refused = Assert.ThrowsAny<Exception>(() => broker.BaseUrl);
        return Flatten(refused);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
