using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using NemLogin.Demo.Hosting;
using NemLogin.Gateway.Hosting;

namespace NemLogin.Demo.DemoSp;

/// <summary>
/// The demo service provider's own key pair (signing its requests, decrypting our assertions), created on first start
/// in the data folder. A real SP holds its keys itself; this one lives in the broker process only for the demo.
/// </summary>
internal sealed class DemoSpKeys
{
    private readonly Lazy<X509Certificate2> _certificate;

    public DemoSpKeys(IOptions<BrokerOptions> options)
    {
        var path = Path.Combine(options.Value.DataDirectory, "demo-sp", "demo-sp.pfx");
        _certificate = new Lazy<X509Certificate2>(() => DemoKeyFile.LoadOrCreate(
            path, "CN=NemLogin.Orleans demo service provider (DEMO ONLY)", X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment));
    }

    public X509Certificate2 Certificate => _certificate.Value;
}
