namespace NemLogin.Population;

/// <summary>
/// Who is tied to whom at one scale, from indices alone, so every run (and the load runner) derives the same population.
/// Business identity <c>j</c> belongs to organisation <c>j mod organisations</c> and person <c>j mod people</c>. Mandate
/// <c>m</c> goes to person <c>m mod people</c> (so grantee <c>g</c> holds mandates <c>g, g + people, …</c>); even ones come
/// from another person, odd ones from an organisation, the grantor drawn by a fixed bit mixer of <c>m</c> (so grantors
/// hold a handful each, never thousands); three in four end within two years of <see cref="ValidityBase"/>, one in four
/// runs until revoked.
/// </summary>
public sealed record PopulationPlan(PopulationCounts Counts, DateOnly ValidityBase)
{
    /// <summary>The days over which ending mandates are spread (each ends 1 to this many days after the base).</summary>
    public const int ValiditySpreadDays = 730;

    public static PopulationPlan At(double scale, DateOnly validityBase) => new(PopulationCounts.At(scale), validityBase);

    public SyntheticEmployee Employee(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Counts.BusinessIdentities);
        return new SyntheticEmployee(index, index % Counts.Organisations, index % Counts.People);
    }

    public SyntheticMandate Mandate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Counts.Mandates);
        var people = Counts.People;
        var grantee = index % people;
        int? validFor = index % 4 == 0 ? null : (index % ValiditySpreadDays) + 1;
        if (index % 2 == 0 && people > 1)
        {
            // An offset of 1 to people − 1: never the grantee themself.
            var offset = 1 + (int)(Mix((ulong)index) % (ulong)(people - 1));
            return new SyntheticMandate(index, grantee, (grantee + offset) % people, null, validFor);
        }

        return new SyntheticMandate(index, grantee, null, (int)(Mix((ulong)index) % (ulong)Counts.Organisations), validFor);
    }

    // SplitMix64's finaliser: every bit of the index moves about half of the result's, so consecutive indices scatter.
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>
    /// The key of a mandate's grantor, the same for every mandate of one grantor: a person's index, or the number of people
    /// plus an organisation's index.
    /// </summary>
    public int GrantorKey(SyntheticMandate mandate)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        return mandate.GrantorPersonIndex ?? Counts.People + mandate.GrantorOrganisationIndex!.Value;
    }

    /// <summary>
    /// Every mandate index grouped by grantor (person grantors by index, then organisations), each group in index order: the
    /// order in which a grantor can be given all of its mandates at once.
    /// </summary>
    public int[] MandatesByGrantor()
    {
        // A counting sort on the grantor key: two passes over the mandates, no comparisons.
        var starts = new int[Counts.People + Counts.Organisations + 1];
        for (var m = 0; m < Counts.Mandates; m++)
        {
            starts[GrantorKey(Mandate(m)) + 1]++;
        }

        for (var k = 1; k < starts.Length; k++)
        {
            starts[k] += starts[k - 1];
        }

        var order = new int[Counts.Mandates];
        for (var m = 0; m < Counts.Mandates; m++)
        {
            order[starts[GrantorKey(Mandate(m))]++] = m;
        }

        return order;
    }

    /// <summary>Every business identity index grouped by organisation (organisation 0's first), each group in index order.</summary>
    public int[] EmployeesByOrganisation()
    {
        var order = new int[Counts.BusinessIdentities];
        var position = 0;
        for (var organisation = 0; organisation < Counts.Organisations; organisation++)
        {
            for (long j = organisation; j < Counts.BusinessIdentities; j += Counts.Organisations)
            {
                order[position++] = (int)j;
            }
        }

        return order;
    }

    /// <summary>The mandates person <paramref name="granteeIndex"/> holds, in index order (none when not a person of this scale).</summary>
    public IEnumerable<SyntheticMandate> MandatesOf(int granteeIndex)
    {
        if (granteeIndex < 0 || granteeIndex >= Counts.People)
        {
            yield break;
        }

        for (long m = granteeIndex; m < Counts.Mandates; m += Counts.People)
        {
            yield return Mandate((int)m);
        }
    }

    /// <summary>The end of a mandate's validity (midnight UTC at the start of that day), or null when it runs until revoked.</summary>
    public DateTimeOffset? ValidTo(SyntheticMandate mandate)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        return mandate.ValidForDays is { } days ? new DateTimeOffset(ValidityBase.AddDays(days), TimeOnly.MinValue, TimeSpan.Zero) : null;
    }
}
