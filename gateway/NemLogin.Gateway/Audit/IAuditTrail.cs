namespace NemLogin.Gateway.Audit;

/// <summary>
/// Where the gateway reports what happened: logins, single sign-on, logouts, refusals, administrative changes.
/// <see cref="Record"/> never waits for storage, so calling it on a login path costs nothing noticeable.
/// </summary>
internal interface IAuditTrail
{
    /// <summary>Queues the event, stamped with time, a record id and the request's correlation id (<see cref="HttpContext.TraceIdentifier"/>).</summary>
    void Record(HttpContext? context, AuditEvent auditEvent);

    /// <summary>Completes when everything recorded before the call is stored (or given up on).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
