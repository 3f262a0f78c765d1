using System.Security.Cryptography;
using NemLogin.LoadTests.Profiling;
using Xunit;

namespace NemLogin.LoadTests.Tests.Profiling;

[Collection(ProfileAloneCollection.Name)]
public sealed class ProfileAnalyzerTests
{
    [Fact]
    public void Summarize_Stacks_LeavesIdleOutAndCountsOwnFramesOncePerStack()
    {
        IReadOnlyList<string>[] stacks =
        [
            ["System.Threading.Monitor.Wait", "System.Threading.Thread.StartCallback"],
            ["Interop+Crypto.CryptoNative_RsaSignHash", "NemLogin.Saml.Signatures.XmlSignatureWriter.SignAsync", "NemLogin.Saml.Messages.ResponseXml.WriteSuccessAsync"],
            ["System.Xml.XmlDocument.CreateElement", "NemLogin.Saml.Messages.ResponseXml.WriteSuccessAsync", "NemLogin.Saml.Messages.ResponseXml.WriteSuccessAsync"],
        ];

        var profile = ProfileAnalyzer.Summarize(stacks);

        Assert.Equal((2L, 1L), (profile.BusySamples, profile.IdleSamples));
        Assert.Equal([("RSA signature", 1L), ("XML build and parse", 1L)], profile.Categories);
        Assert.Equal(("NemLogin.Saml.Messages.ResponseXml.WriteSuccessAsync", 2L), profile.TopOwnFramesInclusive[0]);
    }

    [Fact]
    public void WithAllocations_Ticks_SummedByTypeAndByTheOwnFrameNearestTheAllocation()
    {
        AllocationSample[] ticks =
        [
            new("System.Char[]", 100_000, ["System.Text.StringBuilder.ExpandByABlock", "NemLogin.Saml.Xml.SamlXmlWriter.Text", "NemLogin.Gateway.Saml.SamlResponder.SendAsync"]),
            new("System.Char[]", 120_000, ["System.String.Concat", "NemLogin.Gateway.Saml.SamlResponder.SendAsync"]),
            new("System.Byte[]", 90_000, ["System.Convert.FromBase64String"]),
        ];

        var profile = ProfileAnalyzer.WithAllocations(ProfileAnalyzer.Summarize([]), ticks);

        Assert.Equal(310_000, profile.AllocatedBytes);
        Assert.Equal([("System.Char[]", 220_000L), ("System.Byte[]", 90_000L)], profile.TopAllocatedTypes);
        Assert.Equal(
            [("NemLogin.Gateway.Saml.SamlResponder.SendAsync", 120_000L), ("NemLogin.Saml.Xml.SamlXmlWriter.Text", 100_000L), ("(no frame of ours)", 90_000L)],
            profile.TopAllocatingOwnFrames);
        Assert.Contains("## Allocations", ProfileMarkdown.Write(profile, "broker"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task RecordAndAnalyze_ThisProcessSigning_FindsTheSignaturesInItsSamples()
    {
        // The recorder reaches a process through the runtime's diagnostics socket; this test process is such a process.
        var file = Path.Combine(Directory.CreateTempSubdirectory("nemlogin-load-profile-").FullName, "self.nettrace");
        using var rsa = RSA.Create(2048);
        var data = new byte[32];

        var capture = ProfileCapture.Start(Environment.ProcessId, file, TimeSpan.FromSeconds(30));
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            rsa.SignHash(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            GC.KeepAlive(new byte[4096]);
        }

        await capture.StopAsync();
        var profile = await Task.Run(() => ProfileAnalyzer.Analyze(file), TestContext.Current.CancellationToken);

        Assert.True(profile.BusySamples > 50, $"{profile.BusySamples} working samples");
        var signing = profile.Categories.Single(c => c.Name == "RSA signature").Samples;
        // Other threads of the test host work too; the signing loop must still stand out.
        Assert.True(signing > 100 && signing * 5 > profile.BusySamples, $"RSA signature {signing} of {profile.BusySamples}");
        // The loop allocates 4 KB per signature: megabytes over two seconds, which the GC's allocation ticks must show.
        Assert.True(profile.AllocatedBytes > 1_000_000, $"{profile.AllocatedBytes} bytes in allocation ticks");
        Assert.Contains(profile.TopAllocatedTypes, t => t.Type == "System.Byte[]");
        File.Delete(file);
    }
}

/// <summary>
/// Tests that need the machine to themselves run alone, after the parallel ones (smoke runs start brokers in this
/// process): the profiler's self-test samples the whole process, and the reference OP's node process must start in time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProfileAloneCollection
{
    public const string Name = "profile-alone";
}
