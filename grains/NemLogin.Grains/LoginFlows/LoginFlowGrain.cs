using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.LoginFlows;

// Flows wait in storage while the person is upstream; an activation (also one left empty by an expired or taken flow)
// is collected soon instead of after the default quarter of an hour.
[GrainType("nl.flow")]
[CollectionAgeLimit(Minutes = 2)]
public sealed class LoginFlowGrain(
    [PersistentState("flow", StorageNames.LoginFlows)] IPersistentState<LoginFlowState> state,
    IOptions<LoginFlowOptions> options,
    TimeProvider timeProvider) : Grain, ILoginFlowGrain
{
    public async Task StartAsync(PendingLogin pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentException.ThrowIfNullOrWhiteSpace(pending.BrowserBinding);
        if (await LivePendingAsync() is not null)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.FlowExists), "The login flow has already been started.");
        }

        state.State = new LoginFlowState
        {
            Pending = pending,
            ExpiresAt = timeProvider.GetUtcNow() + options.Value.Lifetime,
        };
        await state.WriteStateAsync();
    }

    public Task<PendingLogin?> GetAsync() => LivePendingAsync();

    public async Task<FlowTake> TakeAsync(string browserBinding)
    {
        var pending = await LivePendingAsync();
        if (pending is null)
        {
            return FlowTake.Unknown;
        }

        if (!SameBinding(pending.BrowserBinding, browserBinding))
        {
            return FlowTake.OtherBrowser;
        }

        // Cleared before answering: a retried or replayed upstream callback finds nothing to resume.
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return new FlowTake(FlowTakeOutcome.Taken, pending);
    }

    private static bool SameBinding(string expected, string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));

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
