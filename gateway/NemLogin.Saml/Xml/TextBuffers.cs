using System.Text;

namespace NemLogin.Saml.Xml;

/// <summary>
/// A few <see cref="StringBuilder"/>s kept for <see cref="SamlXmlWriter"/>: every login writes an assertion, its
/// signature and the response around it, and new builders of that size were a fifth of a login's allocations
/// (docs/benchmarks.md). Lock-free slots; a builder that grew past <see cref="MaxKeptCapacity"/> is left to the GC.
/// </summary>
internal static class TextBuffers
{
    /// <summary>Characters; a response with its base64 ciphertext and certificates stays well below.</summary>
    public const int MaxKeptCapacity = 128 * 1024;

    private static readonly StringBuilder?[] Slots = new StringBuilder?[Math.Max(8, Environment.ProcessorCount * 4)];

    /// <summary>An empty builder with room for at least <paramref name="capacity"/> characters.</summary>
    public static StringBuilder Rent(int capacity)
    {
        for (var i = 0; i < Slots.Length; i++)
        {
            if (Volatile.Read(ref Slots[i]) is { } kept && kept.Capacity >= capacity
                && ReferenceEquals(Interlocked.CompareExchange(ref Slots[i], null, kept), kept))
            {
                return kept;
            }
        }

        return new StringBuilder(capacity);
    }

    /// <summary>Keeps <paramref name="builder"/> for the next <see cref="Rent"/>; the caller must not use it again.</summary>
    public static void Return(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A builder that grew in chunks is left to the GC: clearing it would allocate one array of its whole capacity (a
        // profile showed that as 8 % of a login's bytes), more than renting anew costs.
        if (builder.Capacity > MaxKeptCapacity || !InOnePiece(builder))
        {
            return;
        }

        builder.Clear();
        for (var i = 0; i < Slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref Slots[i], builder, null) is null)
            {
                return;
            }
        }
    }

    private static bool InOnePiece(StringBuilder builder)
    {
        var chunks = 0;
        foreach (var _ in builder.GetChunks())
        {
            if (++chunks > 1)
            {
                return false;
            }
        }

        return true;
    }
}
