namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>
/// A person's mandates as the overview page lists them: given (by them, any status but requested), requests waiting for
/// their approval, received (active, held by them) and their own requests waiting for a grantor.
/// </summary>
internal sealed record MandateOverview(
    IReadOnlyList<MandateView> Given,
    IReadOnlyList<MandateView> RequestedOfMe,
    IReadOnlyList<MandateView> Received,
    IReadOnlyList<MandateView> MyRequests);
