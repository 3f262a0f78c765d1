using NemLogin.LoadTests.Profiling;
using Xunit;

namespace NemLogin.LoadTests.Tests.Profiling;

public sealed class HotPathCategoriesTests
{
    [Fact]
    public void Categorize_NativeSignUnderTheResponseWriter_IsRsaSignature()
    {
        string[] frames =
        [
            "Interop+Crypto.CryptoNative_RsaSignHash",
            "NemLogin.Grains.Signing.SoftwareSigningKeyStore.SignAsync",
            "Orleans.Runtime.TaskRequest`1.Invoke",
        ];

        Assert.Equal("RSA signature", HotPathCategories.Categorize(frames));
    }

    [Fact]
    public void Categorize_KeyImportUnderEncryption_IsKeyImportNotEncryption()
    {
        string[] frames = ["System.Security.Cryptography.RSAOpenSsl.ImportRSAPublicKey", "NemLogin.Saml.Encryption.XmlEncryption.Encrypt"];

        Assert.Equal("X.509 public key import", HotPathCategories.Categorize(frames));
    }

    [Fact]
    public void Categorize_PoolThreadSpinning_IsItsOwnCategory()
    {
        Assert.Equal("thread pool spinning", HotPathCategories.Categorize(["System.Threading.LowLevelSpinWaiter.Wait", "System.Threading.LowLevelLifoSemaphore.Wait"]));
    }

    [Fact]
    public void Categorize_OpenIddictAboveGrainCalls_IsTheOidcServer()
    {
        string[] frames = ["OpenIddict.Server.OpenIddictServerDispatcher.DispatchAsync", "NemLogin.Gateway.Oidc.Endpoints.TokenEndpoint.HandleAsync", "Orleans.Runtime.GrainReference.InvokeAsync"];

        Assert.Equal("OpenIddict server", HotPathCategories.Categorize(frames));
    }

    [Fact]
    public void Categorize_DataProtectionUnderKestrel_IsDataProtectionNotHttp()
    {
        string[] frames = ["Microsoft.AspNetCore.DataProtection.KeyManagement.KeyRingBasedDataProtector.Protect", "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests"];

        Assert.Equal("Data Protection", HotPathCategories.Categorize(frames));
    }

    [Fact]
    public void Categorize_UnknownFrames_IsOther()
    {
        Assert.Equal(HotPathCategories.Other, HotPathCategories.Categorize(["?", "NemLogin.Gateway.Something"]));
    }

    [Theory]
    [InlineData("System.Threading.LowLevelLifoSemaphore.WaitForSignal", true)]
    [InlineData("System.Threading.Monitor.Wait", true)]
    [InlineData("System.Threading.WaitHandle.WaitMultiple", true)]
    [InlineData("System.Threading.WaitHandle.WaitOneNoCheck", true)]
    [InlineData("Microsoft.Extensions.Logging.Console.ConsoleLoggerProcessor.TryDequeue", true)]
    [InlineData("Interop+Sys.Read", true)]
    [InlineData("System.IO.FileSystemWatcher+RunningInstance.TryReadEvent", true)]
    [InlineData("Interop+Sys.ReadLink", false)]
    [InlineData("Interop+Crypto.CryptoNative_RsaSignHash", false)]
    public void IsIdle_TopFrame_TellsWaitingFromWorking(string top, bool idle)
    {
        Assert.Equal(idle, HotPathCategories.IsIdle([top, "System.Threading.Thread.StartCallback"]));
    }

    [Fact]
    public void IsIdle_EpollUnderUnnamedFrames_IsIdle()
    {
        Assert.True(HotPathCategories.IsIdle(["?", "?", "System.Net.Sockets.SocketAsyncEngine.EventLoop", "System.Threading.Thread.StartCallback"]));
        Assert.False(HotPathCategories.IsIdle(["?", "NemLogin.Saml.Signatures.ExclusiveCanonicalizer.Canonicalize"]));
    }
}
