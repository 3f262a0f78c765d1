using NemLogin.Grains.ServiceProviders;

namespace NemLogin.Gateway.Admin;

internal sealed record EndpointDocument(string Binding, string Location, string? ResponseLocation, int Index, bool IsDefault)
{
    public static EndpointDocument From(SamlEndpoint endpoint) =>
        new(endpoint.Binding, endpoint.Location, endpoint.ResponseLocation, endpoint.Index, endpoint.IsDefault);
}
