namespace NemLogin.Gateway.Oidc.Stores;

/// <summary>
/// Queries the grain stores do not answer: arbitrary LINQ over all entries and searches by subject. The broker's server
/// configuration never asks for them (no permanent authorizations, no pruning job: entries expire with their tokens).
/// </summary>
internal static class Unsupported
{
    public static NotSupportedException Query(string what) =>
        new($"The grain-backed OpenID Connect stores do not support {what}.");

    public static async IAsyncEnumerable<T> None<T>(string what)
    {
        await Task.CompletedTask;
        throw Query(what);
#pragma warning disable CS0162 // Unreachable: the iterator shape needs a yield.
        yield break;
#pragma warning restore CS0162
    }
}
