using Microsoft.Extensions.Options;

namespace NemLogin.Grains.LoginFlows;

[GrainType("nl.flow")]
public sealed class LoginFlowGrain(
    [PersistentState("flow", StorageNames.LoginFlows)] IPersistentState<LoginFlowState> state,
    IOptions<LoginFlowOptions> options,
    TimeProvider timeProvider) : Grain, ILoginFlowGrain
{
    public async Task StartAsync(PendingLogin pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (await LivePendingAsync() is not null)
        {
            throw new GrainRuleException("flow.exists", "The login flow has already been started.");
        }

        state.State = new LoginFlowState
        {
            Pending = pending,
            ExpiresAt = timeProvider.GetUtcNow() + options.Value.Lifetime,
        };
        await state.WriteStateAsync();
    }

    public Task<PendingLogin?> GetAsync() => LivePendingAsync();

    public async Task<PendingLogin?> CompleteAsync()
    {
        var pending = await LivePendingAsync();
        if (pending is null)
        {
            return null;
        }

        // Cleared before answering: a retried or replayed upstream callback finds nothing to resume.
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return pending;
    }

    private async Task<PendingLogin?> LivePendingAsync()
    {
        if (!state.RecordExists || state.State.Pending is null)
        {
            return null;
        }

        if (timeProvider.GetUtcNow() < state.State.ExpiresAt)
        {
            return state.State.Pending;
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
        return null;
    }
}
