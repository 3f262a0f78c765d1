namespace NemLogin.LoadTests.Profiling;

/// <summary>
/// Names for where a login's CPU goes, matched against the frames of a sampled stack from the top down: the first
/// category any frame matches takes the sample, so native work is charged to the managed call that led to it.
/// </summary>
public static class HotPathCategories
{
    public const string Other = "other";

    private static readonly (string Name, string[] Patterns)[] Categories =
    [
        // Idle pool threads spin briefly before they block: real CPU, but no login's work.
        ("thread pool spinning", ["System.Threading.LowLevelSpinWaiter"]),
        ("GC and allocation", ["System.GC.", "PollGC", "AllocateNewArray"]),
        // Tiered JIT can inline the P/Invoke into its caller, so the signing methods that wrap it count too.
        ("RSA signature", ["CryptoNative_RsaSignHash", "RSAOpenSsl.SignHash", "RSAOpenSsl.TrySignHash", "SoftwareSigningKeyStore.SignAsync", "AsymmetricSignatureProvider.Sign"]),
        ("RSA encryption (key transport)", ["CryptoNative_RsaEncrypt", "CryptoNative_RsaDecrypt", "RSAOpenSsl.Encrypt", "RSAOpenSsl.TryEncrypt", "RSAOpenSsl.Decrypt", "RSAOpenSsl.TryDecrypt"]),
        ("RSA verification", ["RSAOpenSsl.VerifyHash", "CryptoNative_RsaVerifyHash"]),
        ("X.509 public key import", ["ImportRSAPublicKey", "DecodeSubjectPublicKeyInfo", "BuildRsaPublicKey", "X509CertificateLoader", "CryptoNative_DecodeX509"]),
        ("AES", ["AesGcm", "AesImplementation", "CryptoNative_EvpCipher", "UniversalCryptoTransform"]),
        ("XML canonicalisation", ["Canonical", "ExclusiveCanonicalizer"]),
        ("hashing", ["HashProvider", "SHA256.", "IncrementalHash"]),
        ("JWT and OIDC", ["Microsoft.IdentityModel", "System.IdentityModel"]),
        // Codes and refresh tokens are Data Protection payloads (AES and HMAC below it count as AES and hashing).
        ("Data Protection", ["Microsoft.AspNetCore.DataProtection"]),
        // The OpenID Connect server's own event pipeline (request validation, token building), above the JWT work.
        ("OpenIddict server", ["OpenIddict."]),
        ("XML build and parse", ["System.Xml."]),
        ("Orleans", ["Orleans."]),
        ("logging", ["Microsoft.Extensions.Logging"]),
        ("HTTP (Kestrel, sockets, client)", ["Microsoft.AspNetCore.Server.Kestrel", "System.Net.", "Microsoft.AspNetCore", "Interop+Sys.Send", "Interop+Sys.Receive"]),
        ("regular expressions", ["System.Text.RegularExpressions"]),
        ("JSON", ["System.Text.Json"]),
    ];

    private static readonly string[] IdleTops =
    [
        "System.Threading.WaitHandle.Wait", "System.Threading.LowLevelLifoSemaphore", "System.Threading.Monitor.Wait",
        "System.Threading.PortableThreadPool+WorkerThread.WorkerThreadStart", "System.Threading.ManualResetEventSlim.Wait",
        "System.Threading.Thread.Sleep", "Interop+Sys.WaitForSocketEvents",
        "Microsoft.Extensions.Logging.Console.ConsoleLoggerProcessor.TryDequeue", "System.IO.FileSystemWatcher+RunningInstance.TryReadEvent",
    ];

    /// <summary>Blocking reads (standard input, pipes) that are waits, matched exactly: other Interop+Sys.Read* calls are work.</summary>
    private static readonly string[] IdleExact = ["Interop+Sys.Read"];

    /// <summary>The category of a stack given top frame first.</summary>
    public static string Categorize(IReadOnlyList<string> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            foreach (var (name, patterns) in Categories)
            {
                if (patterns.Any(p => frame.Contains(p, StringComparison.Ordinal)))
                {
                    return name;
                }
            }
        }

        return Other;
    }

    /// <summary>
    /// A thread that was waiting, not working: its top frame is a wait, or the socket engine's epoll loop under frames
    /// the sampler could not name (<c>?</c>).
    /// </summary>
    public static bool IsIdle(IReadOnlyList<string> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0 || IdleTops.Any(i => frames[0].StartsWith(i, StringComparison.Ordinal)) || IdleExact.Contains(frames[0], StringComparer.Ordinal))
        {
            return true;
        }

        var firstNamed = frames.FirstOrDefault(f => f != "?");
        return firstNamed is null || firstNamed.StartsWith("System.Net.Sockets.SocketAsyncEngine.EventLoop", StringComparison.Ordinal);
    }
}
