using NemLogin.Silo.Keys;

namespace NemLogin.Hsm.Tests.Keys;

/// <summary>The silo host's <c>keys</c> verb against a SoftHSM2 token, as an operator runs it.</summary>
public sealed class KeysCommandTests
{
    private static int _tokens;

    [Fact]
    public async Task Keys_InitTokenGenerateList_ShowsSensitiveNonExtractableKeys()
    {
        var settings = Settings();

        Assert.Equal(0, (await RunAsync(settings, "init-token")).ExitCode);
        Assert.Equal(0, (await RunAsync(settings, "generate", "--purpose", "saml-signing")).ExitCode);
        Assert.Equal(0, (await RunAsync(settings, "generate", "--purpose", "token-signing", "--algorithm", "ec-p256", "--subject", "CN=Test tokens", "--days", "90")).ExitCode);
        var list = await RunAsync(settings, "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("2 private key(s)", list.Output, StringComparison.Ordinal);
        Assert.Matches(@"saml-signing\s+current\s+RSA-2048\s+sensitive=yes extractable=no always-sensitive=yes never-extractable=yes", list.Output);
        Assert.Matches(@"token-signing\s+current\s+EC P-256\s+sensitive=yes extractable=no", list.Output);
        Assert.Contains("CN=Test tokens", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsm.Pin, list.Output + list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_GenerateSamlEncryption_DecryptKeyListedWithItsCertificate()
    {
        var settings = Settings();
        await RunAsync(settings, "init-token");
        await RunAsync(settings, "generate", "--purpose", "saml-signing");

        var generated = await RunAsync(settings, "generate", "--purpose", "saml-encryption", "--subject", "CN=Test encryption");
        var list = await RunAsync(settings, "list");

        Assert.Equal(0, generated.ExitCode);
        Assert.Matches(@"saml-encryption\s+current\s+RSA-2048\s+sensitive=yes extractable=no always-sensitive=yes never-extractable=yes", list.Output);
        Assert.Contains("CN=Test encryption", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_GenerateSamlEncryptionBeforeSigning_RefusedWithExitCode1()
    {
        var settings = Settings();
        await RunAsync(settings, "init-token");

        var refused = await RunAsync(settings, "generate", "--purpose", "saml-encryption");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("keys generate --purpose saml-signing", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_GenerateNextPromoteRetire_RollsTheKeyOver()
    {
        var settings = Settings();
        await RunAsync(settings, "init-token");
        await RunAsync(settings, "generate", "--purpose", "saml-signing");
        await RunAsync(settings, "generate", "--purpose", "saml-signing", "--role", "next");

        var promoted = await RunAsync(settings, "promote", "--purpose", "saml-signing");
        var listed = await RunAsync(settings, "list");
        var retired = await RunAsync(settings, "retire", "--purpose", "saml-signing", "--role", "previous");
        var final = await RunAsync(settings, "list");

        Assert.Equal(0, promoted.ExitCode);
        Assert.Matches(@"saml-signing\s+current", listed.Output);
        Assert.Matches(@"saml-signing-previous\s+previous", listed.Output);
        Assert.Equal(0, retired.ExitCode);
        Assert.Contains("1 private key(s)", final.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_RetireCurrent_RefusedWithExitCode1()
    {
        var settings = Settings();
        await RunAsync(settings, "init-token");
        await RunAsync(settings, "generate", "--purpose", "saml-signing");

        var refused = await RunAsync(settings, "retire", "--purpose", "saml-signing", "--role", "current");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("promote a next key first", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pin", "1234")]
    [InlineData("--Signing:Pkcs11:Pin=1234")]
    [InlineData("/Signing:Pkcs11:Pin=1234")]
    public async Task Keys_PinOnTheCommandLine_RefusedBeforeTouchingTheToken(params string[] pinArguments)
    {
        // Secret exposure: a PIN in argv is visible to every user of the machine (ps, /proc/*/cmdline).
        var refused = await RunAsync(Settings(), ["list", .. pinArguments]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("never taken from the command line", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_NoPinConfigured_UsageError()
    {
        var settings = Settings();
        settings.Remove("Signing:Pkcs11:Pin");

        var refused = await RunAsync(settings, "list");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Signing__Pkcs11__Pin", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate")]
    [InlineData("generate", "--purpose", "email-signing")]
    [InlineData("generate", "--purpose", "saml-signing", "--algorithm", "rsa-1024")]
    [InlineData("generate", "--purpose", "saml-signing", "--days", "0")]
    public async Task Keys_MalformedCommand_UsageAndExitCode2(params string[] arguments)
    {
        var refused = await RunAsync(Settings(), arguments);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Usage: NemLogin.Silo keys", refused.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Signing:Pkcs11:LibraryPath"] = SoftHsm.LibraryPath,
        ["Signing:Pkcs11:TokenLabel"] = $"cli-{Interlocked.Increment(ref _tokens)}-{Guid.NewGuid():N}"[..24],
        ["Signing:Pkcs11:Pin"] = SoftHsm.Pin,
        ["Keys:SoPin"] = SoftHsm.SoPin,
    };

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] arguments)
    {
        _ = SoftHsm.Directory;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await KeysCommand.RunAsync(["keys", .. arguments], output, error, settings);
        return (exitCode, output.ToString(), error.ToString());
    }
}
