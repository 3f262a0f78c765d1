namespace NemLogin.Gateway.Admin;

/// <summary>A page of registered SPs in entityID order; <see cref="Total"/> counts them all.</summary>
internal sealed record ServiceProviderList(IReadOnlyList<ServiceProviderSummary> Items, int Offset, int Total);
