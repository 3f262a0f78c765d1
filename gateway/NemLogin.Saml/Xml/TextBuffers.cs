using System.Numerics;
using System.Text;

namespace NemLogin.Saml.Xml;

/// <summary>
/// <see cref="StringBuilder"/>s kept for <see cref="SamlXmlWriter"/>: every login writes an assertion, its signature and
/// the response around it, and new builders of that size were a fifth of a login's allocations (docs/benchmarks.md).
/// Builders come in power-of-two sizes from 4 K to 128 K characters, each size with slots of its own, so a small request
/// never takes the large builder a larger one needs, and the slots cannot fill with sizes nobody asks for (the single
/// first-fit list this replaces allowed both). Lock-free slots.
/// </summary>
internal static class TextBuffers
{
    /// <summary>Characters; a response with its base64 ciphertext and certificates stays well below.</summary>
    public const int MaxKeptCapacity = 128 * 1024;

    private const int SmallestSize = 4 * 1024;
    private static readonly int SizeCount = BitOperations.Log2(MaxKeptCapacity) - BitOperations.Log2(SmallestSize) + 1;
    private static readonly int SlotsPerSize = Math.Max(4, Environment.ProcessorCount * 2);
    private static readonly StringBuilder?[] Slots = new StringBuilder?[SizeCount * SlotsPerSize];

    /// <summary>An empty builder with room for at least <paramref name="capacity"/> characters.</summary>
    public static StringBuilder Rent(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity > MaxKeptCapacity)
        {
            return new StringBuilder(capacity);
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, SmallestSize));
        var first = FirstSlot(size);
        for (var i = first; i < first + SlotsPerSize; i++)
        {
            if (Volatile.Read(ref Slots[i]) is not null && Interlocked.Exchange(ref Slots[i], null) is { } kept)
            {
                return kept;
            }
        }

        return new StringBuilder(size);
    }

    /// <summary>Keeps <paramref name="builder"/> for the next <see cref="Rent"/>; the caller must not use it again.</summary>
    public static void Return(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Only builders of the sizes Rent makes, still in one piece: clearing one that grew in chunks would allocate one
        // array of its whole capacity (a profile showed that as 8 % of a login's bytes), more than renting anew costs.
        var capacity = builder.Capacity;
        if (capacity is < SmallestSize or > MaxKeptCapacity || !BitOperations.IsPow2(capacity) || !InOnePiece(builder))
        {
            return;
        }

        builder.Clear();
        var first = FirstSlot(capacity);
        for (var i = first; i < first + SlotsPerSize; i++)
        {
            if (Interlocked.CompareExchange(ref Slots[i], builder, null) is null)
            {
                return;
            }
        }
    }

    private static int FirstSlot(int size) => (BitOperations.Log2((uint)size) - BitOperations.Log2(SmallestSize)) * SlotsPerSize;

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
