namespace NemLogin.Grains.ServiceProviders;

[GrainType("nl.sp")]
public sealed class ServiceProviderGrain(
    [PersistentState("sp", StorageNames.ServiceProviders)] IPersistentState<ServiceProviderState> state,
    TimeProvider timeProvider) : Grain, IServiceProviderGrain
{
    public Task<ServiceProviderRegistration?> GetAsync() => Task.FromResult(state.State.Registration);

    public async Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration)
    {
        ServiceProviderRules.Validate(this.GetPrimaryKeyString(), registration);

        var previous = state.State.Registration;
        var stored = registration with
        {
            Version = (previous?.Version ?? 0) + 1,
            RegisteredAt = timeProvider.GetUtcNow(),

            // Enabling is an administrative act (SetEnabledAsync): re-sending metadata never re-enables a disabled SP.
            Enabled = previous?.Enabled ?? true,
        };

        state.State = new ServiceProviderState { Registration = stored };
        await state.WriteStateAsync();
        return stored;
    }

    public async Task SetEnabledAsync(bool enabled)
    {
        var current = state.State.Registration
            ?? throw new GrainRuleException("sp.unknown", "The service provider is not registered.");
        if (current.Enabled == enabled)
        {
            return;
        }

        state.State = new ServiceProviderState { Registration = current with { Enabled = enabled, Version = current.Version + 1 } };
        await state.WriteStateAsync();
    }
}
