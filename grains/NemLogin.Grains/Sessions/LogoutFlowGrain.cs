using Microsoft.Extensions.Options;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.Sessions;

// Logout flows are transient like login flows and share their store and their short collection age.
[GrainType("nl.logout-flow")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class LogoutFlowGrain(
    [PersistentState("logout", StorageNames.LoginFlows)] IPersistentState<LogoutFlowState> state,
    IOptions<SessionOptions> options,
    TimeProvider timeProvider) : Grain, ILogoutFlowGrain
{
    public async Task StartAsync(LogoutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(plan.BrowserBinding);
        if (await LiveAsync() is not null)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.LogoutExists), "The logout flow has already been started.");
        }

        var now = timeProvider.GetUtcNow();
        state.State = new LogoutFlowState { Plan = plan, StartedAt = now, ExpiresAt = now + options.Value.LogoutLifetime };
        await state.WriteStateAsync();
    }

    public async Task<LogoutFlowSnapshot?> GetAsync() => await LiveAsync() is { } live ? Snapshot(live) : null;

    public async Task<bool> RecordAnswerAsync(int index, string serviceProviderId, LogoutTargetStatus status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceProviderId);
        if (status == LogoutTargetStatus.Pending)
        {
            throw new ArgumentException("An answer is either LoggedOut or Failed.", nameof(status));
        }

        if (await LiveAsync() is not { Plan: { } plan } live || index < 0 || index >= plan.Targets.Length)
        {
            return false;
        }

        // Each participant answers for itself, once: another SP's signed response cannot settle this one's outcome.
        var target = plan.Targets[index];
        if (!string.Equals(target.ServiceProviderId, serviceProviderId, StringComparison.Ordinal) || target.Status != LogoutTargetStatus.Pending)
        {
            return false;
        }

        state.State = live with { Plan = plan with { Targets = plan.Targets.SetItem(index, target with { Status = status }) } };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<LogoutFlowSnapshot?> CompleteAsync()
    {
        var live = await LiveAsync();
        if (live is null)
        {
            return null;
        }

        // Cleared before answering: a second finish (a reload, a replayed link) finds nothing to answer again.
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return Snapshot(live);
    }

    private async Task<LogoutFlowState?> LiveAsync()
    {
        if (!state.RecordExists || state.State.Plan is null)
        {
            return null;
        }

        if (timeProvider.GetUtcNow() < state.State.ExpiresAt)
        {
            return state.State;
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
        return null;
    }

    private LogoutFlowSnapshot Snapshot(LogoutFlowState live) => new(this.GetPrimaryKeyString(), live.Plan!, live.StartedAt);
}
