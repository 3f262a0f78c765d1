using System.Diagnostics;
using System.Diagnostics.Metrics;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Grains.Signing;

/// <summary>
/// The signer's OpenTelemetry instruments (meter <see cref="MeterName"/>): signatures (rate = signatures per second),
/// key decryptions, latency including the wait for a session, requests waiting, sessions open, and errors by PKCS#11
/// return code or signing error code. Tags carry no personal data.
/// </summary>
public sealed class SigningMetrics
{
    public const string MeterName = "NemLogin.Signing";

    private readonly Meter _meter;
    private readonly Counter<long> _signatures;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _decryptions;
    private readonly Histogram<double> _decryptionDuration;

    public SigningMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _signatures = _meter.CreateCounter<long>("nemlogin.signing.signatures", "{signature}", "Signatures made.");
        _duration = _meter.CreateHistogram<double>("nemlogin.signing.duration", "s", "Time from request to signature, queue wait included.");
        _errors = _meter.CreateCounter<long>("nemlogin.signing.errors", "{error}", "Failed signing calls by PKCS#11 return code or signing error code.");
        _decryptions = _meter.CreateCounter<long>("nemlogin.signing.decryptions", "{decryption}", "Content-encryption keys decrypted.");
        _decryptionDuration = _meter.CreateHistogram<double>("nemlogin.signing.decryption.duration", "s", "Time from request to decrypted key, queue wait included.");
    }

    public void Signed(string provider, KeyPurpose purpose, SigningAlgorithm algorithm, TimeSpan elapsed)
    {
        var tags = new TagList { { "nemlogin.signing.provider", provider }, { "nemlogin.signing.purpose", purpose.ToString() }, { "nemlogin.signing.algorithm", algorithm.ToString() } };
        _signatures.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Decrypted(string provider, KeyPurpose purpose, TimeSpan elapsed)
    {
        var tags = new TagList { { "nemlogin.signing.provider", provider }, { "nemlogin.signing.purpose", purpose.ToString() } };
        _decryptions.Add(1, tags);
        _decryptionDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void Error(string code) => _errors.Add(1, new KeyValuePair<string, object?>("error.type", code));

    internal void ObservePool(HsmSessionPool pool)
    {
        _meter.CreateObservableGauge("nemlogin.signing.queue.length", () => pool.QueueLength, "{request}", "Signing requests waiting for an HSM session.");
        _meter.CreateObservableGauge("nemlogin.signing.sessions.open", () => pool.SessionsOpen, "{session}", "PKCS#11 sessions open and logged in.");
    }
}
