using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Net.Pkcs11Interop.Common;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Hsm.Tests.Faults;

/// <summary>The NemLogin.Signing meter: signatures, latency, queue length, sessions open, errors by PKCS#11 return code.</summary>
public sealed class SigningMetricsTests : IDisposable
{
    private static readonly byte[] Message = "<ds:SignedInfo>assertion</ds:SignedInfo>"u8.ToArray();
    private readonly ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly MeterListener _listener = new();
    private readonly HsmStore _hsm;

    public SigningMetricsTests()
    {
        var token = SoftHsm.NewToken("metrics");
        token.KeyRefreshInterval = TimeSpan.FromHours(1);
        _hsm = new HsmStore(token);
        _hsm.Keys().Generate(KeyPurpose.SamlSigning, KeyRole.Current, HsmKeyAlgorithm.Rsa2048);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this store's meter: other tests in the run publish the same instrument names.
            if (instrument.Meter.Name == SigningMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, _hsm.MeterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    [Fact]
    public async Task Metrics_SignAndFault_RecordedWithReturnCodeAndPoolState()
    {
        await SignAsync();
        _hsm.Sessions.FailNextSigns(CKR.CKR_SESSION_HANDLE_INVALID);
        await SignAsync();

        _listener.RecordObservableInstruments();

        var signatures = _measurements.Where(m => m.Instrument == "nemlogin.signing.signatures").ToList();
        Assert.Equal(2, signatures.Sum(m => m.Value));
        Assert.All(signatures, m =>
        {
            Assert.Equal("Pkcs11", m.Tags["nemlogin.signing.provider"]);
            Assert.Equal("SamlSigning", m.Tags["nemlogin.signing.purpose"]);
            Assert.Equal("RsaPkcs1Sha256", m.Tags["nemlogin.signing.algorithm"]);
        });
        Assert.Equal(2, _measurements.Count(m => m.Instrument == "nemlogin.signing.duration" && m.Value > 0));
        var error = Assert.Single(_measurements, m => m.Instrument == "nemlogin.signing.errors");
        Assert.Equal("CKR_SESSION_HANDLE_INVALID", error.Tags["error.type"]);
        Assert.Equal(0, Assert.Single(_measurements, m => m.Instrument == "nemlogin.signing.queue.length").Value);
        Assert.InRange(Assert.Single(_measurements, m => m.Instrument == "nemlogin.signing.sessions.open").Value, 1, 2);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _hsm.Dispose();
    }

    private Task<SignatureResult> SignAsync() =>
        _hsm.Store.SignAsync(KeyPurpose.SamlSigning, null, SigningAlgorithm.RsaPkcs1Sha256, Message, TestContext.Current.CancellationToken);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Add((instrument.Name, value, copy));
    }
}
