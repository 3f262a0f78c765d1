using NemLogin.Grains.Errors;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>One pool thread's state: its session (opened lazily, re-opened after a loss or a device error) and its cache.</summary>
internal sealed class HsmWorker(HsmSessionPool pool, ILogger logger)
{
    private readonly Dictionary<string, object> _cache = new(StringComparer.Ordinal);
    private IHsmSession? _session;
    private int _sessionGeneration = -1;

    public void Run(HsmWorkItem item)
    {
        var waited = pool.Time.GetElapsedTime(item.EnqueuedAt);
        if (waited > pool.Options.MaxQueueWait)
        {
            // The caller has most likely given up; signing now would only delay the requests behind it.
            pool.Metrics.Error(BrokerErrors.Name(BrokerError.SigningOverloaded));
            item.Fail(new GrainRuleException(BrokerErrors.Name(BrokerError.SigningOverloaded), $"The request waited {waited} for an HSM session; try again shortly."));
            return;
        }

        if (pool.IsFailingFast(out var fault))
        {
            item.Fail(HsmSessionPool.Unavailable(fault));
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            HsmWorkerContext context;
            try
            {
                context = Context();
            }
            catch (Exception ex)
            {
                // No session at all (device error, wrong PIN, token or module missing): the HSM is unavailable.
                var code = ex is Pkcs11Exception p ? HsmSessionPool.Name(p.RV) : ex.GetType().Name;
                pool.Metrics.Error(code);
                pool.MarkFaulted(code);
                Log.HsmSessionOpenFailed(logger, code, ex.Message);
                item.Fail(HsmSessionPool.Unavailable(pool.Fault ?? new HsmFault(code, pool.Time.GetUtcNow(), pool.Time.GetUtcNow())));
                return;
            }

            try
            {
                item.Execute(context);
                pool.MarkHealthy();
                return;
            }
            catch (Pkcs11Exception ex)
            {
                var code = HsmSessionPool.Name(ex.RV);
                pool.Metrics.Error(code);
                switch (Pkcs11ReturnCodes.Classify(ex.RV))
                {
                    case HsmFailureKind.SessionLost when attempt == 0:
                        Log.HsmSessionLost(logger, code);
                        CloseSession();
                        continue;
                    case HsmFailureKind.KeyGone:
                        item.Fail(new HsmKeyGoneException(ex));
                        return;
                    case HsmFailureKind.Unsupported:
                        item.Fail(new GrainRuleException(BrokerErrors.Name(BrokerError.SigningAlgorithmUnsupported), $"The HSM refused the operation with {code}."));
                        return;
                    default:
                        CloseSession();
                        pool.MarkFaulted(code);
                        item.Fail(HsmSessionPool.Unavailable(pool.Fault!));
                        return;
                }
            }
            catch (HsmInvalidSignatureException ex)
            {
                // A signature that does not verify is a device fault (and a fault-attack risk): never released.
                pool.Metrics.Error(ex.Code);
                CloseSession();
                pool.MarkFaulted(ex.Code);
                item.Fail(HsmSessionPool.Unavailable(pool.Fault!));
                return;
            }
            catch (Exception ex)
            {
                item.Fail(ex);
                return;
            }
        }
    }

    public void CloseSession()
    {
        if (_session is not null)
        {
            _session.Dispose();
            _session = null;
            pool.SessionClosed();
        }
    }

    private HsmWorkerContext Context()
    {
        var generation = pool.Generation;
        if (_session is not null && _sessionGeneration != generation)
        {
            CloseSession();
        }

        if (_session is null)
        {
            _session = pool.Factory.Open();
            _sessionGeneration = generation;
            pool.SessionOpened();
        }

        return new HsmWorkerContext(_session, pool.Factory.Factories, _cache);
    }
}
