namespace NemLogin.Gateway.Admin;

/// <summary>A JSON body of a change that may carry its request id itself (<see cref="IdempotencyKey"/>).</summary>
internal interface IChangeRequest
{
    string? RequestId { get; }
}
