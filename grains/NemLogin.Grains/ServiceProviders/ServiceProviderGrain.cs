using NemLogin.Grains.Assurance;
using NemLogin.Grains.Errors;

namespace NemLogin.Grains.ServiceProviders;

[GrainType("nl.sp")]
public sealed class ServiceProviderGrain(
    [PersistentState("sp", StorageNames.ServiceProviders)] IPersistentState<ServiceProviderState> state,
    TimeProvider timeProvider) : Grain, IServiceProviderGrain
{
    public Task<ServiceProviderRegistration?> GetAsync() => Task.FromResult(state.State.Registration);

    public Task<ServiceProviderRegistration> RegisterAsync(ServiceProviderRegistration registration)
    {
        ServiceProviderRules.Validate(this.GetPrimaryKeyString(), registration);
        var previous = state.State.Registration;

        // Enabling is an administrative act (SetEnabledAsync): re-sending metadata never re-enables a disabled SP.
        return StoreAsync(registration with { Enabled = previous?.Enabled ?? true }, metadataChanged: true);
    }

    public Task<ServiceProviderRegistration> ReplaceMetadataAsync(ServiceProviderRegistration registration)
    {
        ServiceProviderRules.Validate(this.GetPrimaryKeyString(), registration);
        var previous = state.State.Registration;
        if (previous is null)
        {
            return StoreAsync(registration with { Enabled = true }, metadataChanged: true);
        }

        // The policy and the refresh source are administrative decisions: the SP's own metadata cannot change them.
        var replaced = ServiceProviderPolicy.Of(previous).ApplyTo(registration) with
        {
            Enabled = previous.Enabled,
            MetadataSource = previous.MetadataSource,
        };
        return StoreAsync(replaced, metadataChanged: true);
    }

    public async Task SetEnabledAsync(bool enabled)
    {
        var current = RequireRegistration();
        if (current.Enabled != enabled)
        {
            await StoreAsync(current with { Enabled = enabled }, metadataChanged: false);
        }
    }

    public Task<ServiceProviderRegistration> SetPolicyAsync(ServiceProviderPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var current = RequireRegistration();
        if (policy.MinimumLoa < LevelOfAssurance.Low || policy.AllowedAttributes.IsDefault)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpPolicyInvalid), "The policy needs a minimum level of assurance and a list of attributes.");
        }

        return StoreAsync(policy.ApplyTo(current), metadataChanged: false);
    }

    public Task<ServiceProviderRegistration> SetMetadataSourceAsync(MetadataSource? source)
    {
        var current = RequireRegistration();
        if (source is not null && source.RefreshInterval <= TimeSpan.Zero)
        {
            throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpMetadataSourceInvalid), "The refresh interval must be positive.");
        }

        // A new or changed source is due at once, so the operator sees at the next round whether it works.
        return StoreAsync(current with { MetadataSource = source }, metadataChanged: false, nextRefresh: source is null ? null : timeProvider.GetUtcNow());
    }

    public async Task<MetadataSource?> ClaimMetadataRefreshAsync()
    {
        var source = state.State.Registration?.MetadataSource;
        var now = timeProvider.GetUtcNow();
        if (source is null || state.State.NextMetadataRefreshAt is { } due && due > now)
        {
            return null;
        }

        // Written before the caller fetches: a second gateway asking now finds the claim and stays away.
        state.State = state.State with { NextMetadataRefreshAt = now + source.RefreshInterval };
        await state.WriteStateAsync();
        return source;
    }

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Registration is null)
        {
            return false;
        }

        await state.ClearStateAsync();
        state.State = new ServiceProviderState();
        await Directory().ForgetAsync(this.GetPrimaryKeyString());
        return true;
    }

    private ServiceProviderRegistration RequireRegistration() =>
        state.State.Registration ?? throw new GrainRuleException(BrokerErrors.Name(BrokerError.SpUnknown), "The service provider is not registered.");

    private async Task<ServiceProviderRegistration> StoreAsync(ServiceProviderRegistration registration, bool metadataChanged, DateTimeOffset? nextRefresh = null)
    {
        var previous = state.State.Registration;
        var stored = registration with
        {
            Version = (previous?.Version ?? 0) + 1,
            RegisteredAt = metadataChanged || previous is null ? timeProvider.GetUtcNow() : previous.RegisteredAt,
        };

        state.State = new ServiceProviderState
        {
            Registration = stored,
            NextMetadataRefreshAt = stored.MetadataSource is null ? null : nextRefresh ?? state.State.NextMetadataRefreshAt,
        };
        await state.WriteStateAsync();

        // After the write: a failure here surfaces to the caller, whose retry (every write is a full replacement) repairs the entry.
        await Directory().TrackAsync(stored.EntityId, stored.MetadataSource is not null);
        return stored;
    }

    private IServiceProviderDirectoryGrain Directory() => GrainFactory.Reference<IServiceProviderDirectoryGrain>(ServiceProviderDirectory.Key);
}
