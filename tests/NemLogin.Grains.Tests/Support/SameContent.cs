using System.Text.Json;

namespace NemLogin.Grains.Tests.Support;

/// <summary>
/// Compares records by content. Records holding an ImmutableArray compare it by reference, so two reads of the same stored
/// value are not Equal; their JSON is.
/// </summary>
internal static class SameContent
{
    public static void Assert<T>(T expected, T actual) =>
        Xunit.Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
