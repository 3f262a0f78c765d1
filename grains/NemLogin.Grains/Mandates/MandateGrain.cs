using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using NemLogin.Grains.Audit;
using NemLogin.Grains.Errors;
using NemLogin.Grains.Identities;
using NemLogin.Grains.Organisations;
using NemLogin.Grains.Requests;
using NemLogin.Grains.Rights;

namespace NemLogin.Grains.Mandates;

[GrainType("nl.mandate")]
public sealed class MandateGrain(
    [PersistentState("mandate", StorageNames.Mandates)] IPersistentState<MandateState> state,
    TimeProvider timeProvider,
    ILogger<MandateGrain> logger) : Grain, IMandateGrain, IRemindable
{
    public const string ExpiryReminder = "expire";

    /// <summary>The action and actor of the audit record an expiry writes.</summary>
    public const string ExpireAction = "mandate.expire";
    public const string ExpiryActor = "system:mandate-expiry";

    // A reminder further away than this is set to fire at this distance and moved on then (a timer's due time is bounded);
    // the period only matters should a tick be missed.
    private static readonly TimeSpan MaxReminderDue = TimeSpan.FromDays(30);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromDays(1);

    // What GetAsync and ResolveAsync answer: only what is stored (they interleave with changes).
    private Mandate? _stored;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = state.State.Mandate;
        return Task.CompletedTask;
    }

    public Task<Mandate?> GetAsync() => Task.FromResult(View(_stored, timeProvider.GetUtcNow()));

    public async Task<Mandate> CreateAsync(MandateDetails details, DateTimeOffset validFrom, MandateStatus status)
    {
        ArgumentNullException.ThrowIfNull(details);
        Rules.Require(status is MandateStatus.Active or MandateStatus.Requested, BrokerError.MandateNotRequested, "A mandate starts active or requested.");
        if (state.State.Mandate is { } existing)
        {
            // Compared by content (immutable arrays compare by reference): a repeat from the grantor's ledger matches.
            Rules.Require(state.State.Creation is { } creation && SameContent(creation, details) && existing.ValidFrom == validFrom, BrokerError.MandateExists,
                "A mandate with this id exists.");
        }
        else
        {
            var now = timeProvider.GetUtcNow();
            var created = new Mandate(this.GetPrimaryKey(), details.Grantor, details.Grantee, details.Systems, validFrom, details.ValidTo, status, 1, now, now);
            await WriteAsync(state.State with { Mandate = created, Creation = details });
        }

        await SyncAsync();
        return View(_stored, timeProvider.GetUtcNow())!;
    }

    public Task<Mandate> ApproveAsync(string requestId) => ChangeAsync(requestId, "mandate.approve", (mandate, now) =>
    {
        Rules.Require(mandate.Status != MandateStatus.Revoked, BrokerError.MandateRevoked, "The mandate is revoked; it changes no more.");
        Rules.Require(mandate.Status != MandateStatus.Expired && !mandate.Ended(now), BrokerError.MandateExpired, "The mandate's validity period is over.");
        Rules.Require(mandate.Status == MandateStatus.Requested, BrokerError.MandateNotRequested, "Only a requested mandate is approved.");
        return mandate with { Status = MandateStatus.Active };
    });

    public Task<Mandate> RevokeAsync(string requestId) => ChangeAsync(requestId, "mandate.revoke", (mandate, _) =>
        mandate.Status is MandateStatus.Revoked or MandateStatus.Expired ? mandate : mandate with { Status = MandateStatus.Revoked });

    public async Task<FittingMandate?> ResolveAsync(ItSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var now = timeProvider.GetUtcNow();
        if (_stored is not { } mandate || !mandate.InForce(now) || mandate.For(system) is not { } covered)
        {
            return null;
        }

        var catalogueCall = GrainFactory.Reference<IPrivilegeCatalogueGrain>(system.Key).GetAsync();
        (string? Cpr, string? Cvr, string Name)? grantor = mandate.Grantor.PersonId is { } personId
            ? await GrainFactory.Reference<IIdentityGrain>(personId).GetAsync() is { Attributes.CprNumber: { } cpr } profile
                ? (cpr, null, $"{profile.Attributes.GivenName} {profile.Attributes.FamilyName}".Trim())
                : null
            : await GrainFactory.Reference<IOrganisationGrain>(mandate.Grantor.Id).GetAsync() is { Details.Status: OrganisationStatus.Active } organisation
                ? (null, organisation.Cvr, organisation.Details.Name)
                : null;
        var catalogue = await catalogueCall;
        if (grantor is not { } found)
        {
            // A person grantor without a CPR number, or an organisation no longer active: nothing to act for.
            return null;
        }

        var scope = found.Cpr is { } grantorCpr ? RightScope.Person(grantorCpr) : RightScope.Organisation(found.Cvr!);

        // Only what the catalogue lists now: a privilege that left it is not carried; "all" is the catalogue as it stands.
        var privileges = catalogue is null
            ? []
            : (covered.CoversAll ? catalogue.Privileges : covered.Privileges.Select(catalogue.Find).OfType<Privilege>())
                .Select(p => new GrantedPrivilege(p.Uri, scope, p.Constraints))
                .ToImmutableArray();
        return new FittingMandate(mandate.Id, mandate.Kind, mandate.Grantor, found.Cpr, found.Cvr, found.Name, mandate.ValidFrom, mandate.ValidTo, privileges);
    }

    public async Task<Mandate?> ExpireIfDueAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (state.State.Mandate is not { } mandate)
        {
            await DropReminderAsync();
            return null;
        }

        if (IsLive(mandate) && mandate.Ended(now))
        {
            await WriteAsync(state.State with { Mandate = mandate with { Status = MandateStatus.Expired, Version = mandate.Version + 1, UpdatedAt = now } });
            await AuditExpiryAsync(mandate, now);
        }

        await SyncAsync();
        return _stored;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ExpiryReminder ? ExpireIfDueAsync() : Task.CompletedTask;

    private static bool SameContent(MandateDetails a, MandateDetails b) =>
        RequestLog.Fingerprint("mandate.create", a) == RequestLog.Fingerprint("mandate.create", b);

    private static bool IsLive(Mandate mandate) => mandate.Status is MandateStatus.Active or MandateStatus.Requested;

    // Every read checks the period: a mandate past its end is answered as Expired even before its reminder has run.
    private static Mandate? View(Mandate? mandate, DateTimeOffset now) =>
        mandate is not null && IsLive(mandate) && mandate.Ended(now) ? mandate with { Status = MandateStatus.Expired } : mandate;

    // One change by request id: a repeat answers the mandate as it is now (the index brought in step first).
    private async Task<Mandate> ChangeAsync(string requestId, string operation, Func<Mandate, DateTimeOffset, Mandate> apply)
    {
        var fingerprint = RequestLog.Fingerprint(operation, this.GetPrimaryKey());
        if (RequestLog.Replay(state.State.Requests, requestId, fingerprint) is not null)
        {
            await SyncAsync();
            return View(_stored, timeProvider.GetUtcNow())!;
        }

        var mandate = state.State.Mandate ?? throw Rules.Refuse(BrokerError.MandateUnknown, "No mandate has this id.");
        var now = timeProvider.GetUtcNow();
        var next = apply(mandate, now);
        if (!ReferenceEquals(next, mandate))
        {
            next = next with { Version = next.Version + 1, UpdatedAt = now };
        }

        await WriteAsync(state.State with
        {
            Mandate = next,
            Requests = RequestLog.Append(state.State.Requests, new ChangeReceipt(requestId, fingerprint, next.Version, now)),
        });
        await SyncAsync();
        return View(next, now)!;
    }

    // The grantee's index and the expiry reminder follow this grain's state: a live mandate within its period is listed and
    // (with an end) has a reminder; anything else is not listed and has none.
    private async Task SyncAsync()
    {
        if (_stored is not { } mandate)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var index = GrainFactory.Reference<IMandateIndexGrain>(mandate.Grantee.Id);
        if (IsLive(mandate) && !mandate.Ended(now))
        {
            await index.PutAsync(mandate.Entry());
            if (mandate.ValidTo is { } end)
            {
                var due = end - now;
                await this.RegisterOrUpdateReminder(ExpiryReminder, due < MaxReminderDue ? due : MaxReminderDue, ReminderPeriod);
            }

            return;
        }

        await index.RemoveAsync(mandate.Id);
        await DropReminderAsync();
    }

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // The expiry has no caller to audit it, so the grain writes its own record (by ids only).
    private async Task AuditExpiryAsync(Mandate mandate, DateTimeOffset now)
    {
        var record = new AuditRecord
        {
            Id = Guid.CreateVersion7(now),
            Time = now,
            Category = AuditCategory.Administration,
            Action = ExpireAction,
            Outcome = AuditOutcome.Success,
            Actor = ExpiryActor,
            IdentityId = mandate.Grantee.PersonId,
            Detail = $"mandate {mandate.Id}; grantor {mandate.Grantor}; grantee {mandate.Grantee}; version {mandate.Version + 1}",
        };
        try
        {
            var shard = (int)((uint)mandate.Id.GetHashCode() % AuditBucketKey.Shards);
            await AuditBuckets.AppendAsync(GrainFactory, now, shard, [record]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.MandateExpiryNotAudited(logger, mandate.Id, ex);
        }

        Log.MandateExpired(logger, mandate.Id);
    }

    private async Task WriteAsync(MandateState next)
    {
        state.State = next;
        await state.WriteStateAsync();
        _stored = next.Mandate;
    }
}
