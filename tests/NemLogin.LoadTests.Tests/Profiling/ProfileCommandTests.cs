using System.Security.Cryptography;
using NemLogin.LoadTests.Commands;
using NemLogin.LoadTests.Configuration;
using Xunit;

namespace NemLogin.LoadTests.Tests.Profiling;

[Collection(ProfileAloneCollection.Name)]
public sealed class ProfileCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Profile_ThisProcessWhileItSigns_SummaryNamesTheSignaturesAndTheTraceSumsUpAgain()
    {
        var directory = Directory.CreateTempSubdirectory("nemlogin-profile-verb-").FullName;
        using var rsa = RSA.Create(2048);
        using var stop = new CancellationTokenSource();
        var signing = Task.Run(() =>
        {
            var data = new byte[32];
            while (!stop.IsCancellationRequested)
            {
                rsa.SignHash(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
        }, TestContext.Current.CancellationToken);

        var options = CommandLine.Parse(["profile", "--broker-pid", $"{Environment.ProcessId}", "--profile-duration", "2s", "--report-dir", directory]);
        var output = new StringWriter();
        var exit = await ProfileCommand.ExecuteAsync(options, output, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await signing;

        Assert.Equal(0, exit);
        var summary = await File.ReadAllTextAsync(Path.Combine(directory, ProfileCommand.SummaryFile), TestContext.Current.CancellationToken);
        Assert.Contains("| `RSA signature` |", summary, StringComparison.Ordinal);

        // The same recording summed up again from the file alone, into another folder.
        var again = Path.Combine(directory, "again");
        var fromFile = CommandLine.Parse(["profile", "--trace", Path.Combine(directory, ProfileCommand.TraceFile), "--report-dir", again]);
        Assert.Equal(0, await ProfileCommand.ExecuteAsync(fromFile, new StringWriter(), TestContext.Current.CancellationToken));
        Assert.Contains("| `RSA signature` |", await File.ReadAllTextAsync(Path.Combine(again, ProfileCommand.SummaryFile), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Profile_NeitherProcessNorTrace_RefusedWithTheUsage()
    {
        var options = CommandLine.Parse(["profile"]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ProfileCommand.ExecuteAsync(options, new StringWriter(), TestContext.Current.CancellationToken));
        Assert.Contains("--broker-pid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_TraceThatDoesNotExist_RefusedNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.nettrace");
        var options = CommandLine.Parse(["profile", "--trace", missing]);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => ProfileCommand.ExecuteAsync(options, new StringWriter(), TestContext.Current.CancellationToken));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
