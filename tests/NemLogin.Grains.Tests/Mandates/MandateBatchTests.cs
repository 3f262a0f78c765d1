using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using NemLogin.Grains.Mandates;

namespace NemLogin.Grains.Tests.Mandates;

/// <summary>
/// A grantor's batch grant (the national seed's path) under the shared fake clock: the single grant's rules for every
/// item, all or nothing, idempotency by each item's request id, the batch's own bounds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MandateBatchTests(ClusterFixture fixture)
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task<(MandateData Data, MandateParty[] Grantees)> DataAsync(int grantees)
    {
        var data = await MandateData.CreateAsync(fixture.Grains, Now);
        var people = new MandateParty[grantees];
        for (var i = 0; i < grantees; i++)
        {
            people[i] = MandateParty.Person((await MandateData.PersonAsync(fixture.Grains, MandateData.Born(Now, years: 20 + i))).Id);
        }

        return (data, people);
    }

    private static ImmutableArray<MandateGrant> Grants(MandateData data, IEnumerable<MandateParty> grantees) =>
        [.. grantees.Select((grantee, i) => new MandateGrant($"b{i}", data.Details(grantee: grantee)))];

    // Rule: every item of a batch is a mandate as a single grant stores it: active, in the ledger (in the order asked),
    // in its grantee's index, with its expiry reminder when it has an end.
    [Fact]
    public async Task GrantMany_ThreeGrantees_EachStoredIndexedAndListedInOrder()
    {
        var (data, grantees) = await DataAsync(3);
        ImmutableArray<MandateGrant> grants = [.. Grants(data, grantees).Select((g, i) => i == 1 ? g with { Details = g.Details with { ValidTo = Now.AddDays(10) } } : g)];

        var mandates = await data.Ledger.GrantManyAsync(grants);

        Assert.Equal(3, mandates.Length);
        Assert.All(mandates, m => Assert.Equal(MandateStatus.Active, m.Status));
        Assert.Equal(grantees, mandates.Select(m => m.Grantee));
        Assert.Equal(mandates.Select(m => m.Id), await data.Ledger.ListAsync());
        for (var i = 0; i < grantees.Length; i++)
        {
            Assert.Equal(mandates[i].Id, Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(grantees[i].Id).ListAsync()).Id);
        }

        Assert.Null(await ExpiryReminderAsync(mandates[0].Id));
        Assert.NotNull(await ExpiryReminderAsync(mandates[1].Id));
    }

    // Rule: all or nothing: one item refused (here an unknown grantee, an end in the past) refuses the batch with that
    // item's code, and nothing is stored for any item.
    [Fact]
    public async Task GrantMany_OneItemRefused_BatchRefusedNothingStored()
    {
        var (data, grantees) = await DataAsync(2);
        var cases = new (string Code, MandateGrant Bad)[]
        {
            ("mandate.person-unknown", new MandateGrant("bad", data.Details(grantee: MandateParty.Person(Guid.NewGuid())))),
            ("mandate.validity-invalid", new MandateGrant("bad", data.Details(grantee: grantees[1], validTo: Now.AddMinutes(-1)))),
            ("mandate.party-invalid", new MandateGrant("bad", data.Details(grantee: grantees[1]) with { Grantor = grantees[0] })),
        };

        foreach (var (code, bad) in cases)
        {
            var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
                data.Ledger.GrantManyAsync([new MandateGrant("good", data.Details(grantee: grantees[0])), bad]));
            Assert.Equal(code, refused.Code);
        }

        Assert.Empty(await data.Ledger.ListAsync());
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(grantees[0].Id).ListAsync());
    }

    // Rule: a person grantor under 15 gives no mandate in a batch either.
    [Fact]
    public async Task GrantMany_Grantor14_RefusedNothingStored()
    {
        var (data, grantees) = await DataAsync(2);
        var (young, _) = await MandateData.PersonAsync(fixture.Grains, MandateData.Born(Now, years: 15).AddDays(1));
        var ledger = fixture.Grains.GetGrain<IMandateGrantorGrain>(MandateParty.Person(young).Id);
        ImmutableArray<MandateGrant> grants = [.. Grants(data, grantees).Select(g => g with { Details = g.Details with { Grantor = MandateParty.Person(young) } })];

        var refused = await Assert.ThrowsAsync<GrainRuleException>(() => ledger.GrantManyAsync(grants));

        Assert.Equal("mandate.grantor-under-age", refused.Code);
        Assert.Empty(await ledger.ListAsync());
    }

    // Rule: every item keeps its own request id: the batch again answers the same mandates and stores nothing new; an item
    // granted singly before is answered as stored beside new ones; an id reused with other content is refused.
    [Fact]
    public async Task GrantMany_Repeated_SameMandatesNothingNew()
    {
        var (data, grantees) = await DataAsync(3);
        var single = await data.Ledger.GrantAsync("b0", data.Details(grantee: grantees[0]));
        var grants = Grants(data, grantees);

        var first = await data.Ledger.GrantManyAsync(grants);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        var again = await data.Ledger.GrantManyAsync(grants);
        var refused = await Assert.ThrowsAsync<GrainRuleException>(() =>
            data.Ledger.GrantManyAsync([new MandateGrant("b1", data.Details(grantee: grantees[2])), new MandateGrant("b9", data.Details(grantee: grantees[1]))]));

        Assert.Equal(single.Id, first[0].Id);
        Assert.Equal(first.Select(m => (m.Id, m.Version)), again.Select(m => (m.Id, m.Version)));
        Assert.Equal("request.id-reused", refused.Code);
        Assert.Equal(first.Select(m => m.Id), await data.Ledger.ListAsync());
        Assert.Single(await fixture.Grains.GetGrain<IMandateIndexGrain>(grantees[1].Id).ListAsync());
    }

    // Rule: a batch holds 1 to MaxBatch grants, each with its own request id; anything else is refused and stores nothing.
    [Fact]
    public async Task GrantMany_EmptyTooLargeOrIdTwice_BatchInvalid()
    {
        var (data, grantees) = await DataAsync(1);
        var item = new MandateGrant("same", data.Details(grantee: grantees[0]));
        var cases = new ImmutableArray<MandateGrant>[]
        {
            [],
            default,
            [item, item with { Details = data.Details(grantee: grantees[0], validTo: Now.AddDays(3)) }],
            [.. Enumerable.Range(0, MandateGrantorGrain.MaxBatch + 1).Select(i => item with { RequestId = $"m{i}" })],
        };

        foreach (var grants in cases)
        {
            var refused = await Assert.ThrowsAsync<GrainRuleException>(() => data.Ledger.GrantManyAsync(grants));
            Assert.Equal("mandate.batch-invalid", refused.Code);
        }

        Assert.Empty(await data.Ledger.ListAsync());
        Assert.Empty(await fixture.Grains.GetGrain<IMandateIndexGrain>(grantees[0].Id).ListAsync());
    }

    private Task<ReminderEntry?> ExpiryReminderAsync(Guid mandate) =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>()
            .ReadRow(fixture.Grains.GetGrain<IMandateGrain>(mandate).GetGrainId(), MandateGrain.ExpiryReminder);
}
