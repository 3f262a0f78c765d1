using NemLogin.Grains.Requests;

namespace NemLogin.Gateway.Admin;

/// <summary>What a change to an employee made: the identity's version after it, and when (a repeat answers the same).</summary>
internal sealed record EmployeeChangeDocument(Guid Id, long Version, DateTimeOffset At)
{
    public static EmployeeChangeDocument From(Guid id, ChangeReceipt receipt) => new(id, receipt.Version, receipt.At);
}
