namespace NemLogin.Silo.Seed;

/// <summary>
/// The items of one phase in the order the seed writes them, cut into batches that one grain call writes: consecutive
/// items of the same group (one grantor's mandates, one organisation's employees), at most <paramref name="maxBatch"/>
/// each. The checkpoint counts positions in this order. Where a batch is cut does not matter for a rerun: every item keeps
/// its own request id, so a batch that repeats stored items answers them as stored.
/// </summary>
/// <param name="total">The items of the phase.</param>
/// <param name="order">The item index at each position, or null for index order.</param>
/// <param name="groupOf">The group of an item index, or null when every item is a batch of its own.</param>
/// <param name="maxBatch">The most items one batch holds.</param>
internal sealed class SeedBatches(int total, int[]? order, Func<int, int>? groupOf, int maxBatch)
{
    /// <summary>Every item is its own batch, in index order.</summary>
    public static SeedBatches Single(int total) => new(total, null, null, 1);

    /// <summary>Consecutive batches from <paramref name="from"/> holding at least <paramref name="items"/> items together (fewer at the end).</summary>
    public List<int[]> From(int from, int items)
    {
        var batches = new List<int[]>();
        var position = from;
        while (position < total && position - from < items)
        {
            var first = ItemAt(position);
            var group = groupOf?.Invoke(first);
            var end = position + 1;
            while (end < total && end - position < maxBatch && groupOf is not null && groupOf(ItemAt(end)) == group)
            {
                end++;
            }

            batches.Add([.. Enumerable.Range(position, end - position).Select(ItemAt)]);
            position = end;
        }

        return batches;
    }

    private int ItemAt(int position) => order is null ? position : order[position];
}
