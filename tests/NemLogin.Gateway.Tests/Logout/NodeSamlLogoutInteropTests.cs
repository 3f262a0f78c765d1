using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using NemLogin.Gateway.Tests.Support;
using NemLogin.Saml;
using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

/// <summary>
/// Single logout with a service provider we did not write (@node-saml/node-saml) beside one of ours, in one browser session:
/// node-saml starts the logout and accepts our LogoutResponse, and node-saml answers our LogoutRequest and we accept its
/// LogoutResponse. No node-saml check is switched off.
/// </summary>
public sealed class NodeSamlLogoutInteropTests
{
    private const string EntityId = "https://node-sp.test/saml";
    private const string AcsUrl = "https://node-sp.test/saml/acs";
    private const string SloUrl = "https://node-sp.test/saml/slo";

    [Fact]
    public async Task NodeSaml_StartsLogout_AcceptsOurLogoutResponseAfterOtherParticipantTold()
    {
        await using var setup = await InteropSetup.StartAsync("redirect");
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        await setup.Ours.LogInAsync(browser, setup.Slo);
        var node = await setup.NodeLogInAsync(browser);
        var logout = await setup.NodeAsync("logout-request-url", "--name-id", node.NameId, "--session-index", node.SessionIndex, "--relay-state", "node-relay");
        var requestId = logout.RootElement.GetProperty("id").GetString()!;

        var progress = await channel.FollowAsync(logout.RootElement.GetProperty("url").GetString()!);
        var atOurs = setup.Ours.ReceiveRequest(await channel.GetAsync(setup.Slo.BaseUrl + Assert.Single(progress.FrameSources)), setup.Slo);
        await channel.FollowAsync(await setup.Ours.AnswerRedirectUrlAsync(setup.Slo, setup.Ours.Answer(setup.Slo, atOurs)));
        var finish = await channel.GetAsync(progress.Url + "/finish");
        Assert.True(finish.IsRedirect);
        Assert.Equal(SloUrl, finish.Location!.GetLeftPart(UriPartial.Path));

        using var accepted = await setup.NodeAsync("validate-logout-response", "--in-response-to", requestId, "--url", finish.Location.ToString());

        Assert.Equal(SamlConstants.StatusCodes.Success, accepted.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, accepted.RootElement.GetProperty("subStatus").ValueKind);
        Assert.Equal("node-relay", accepted.RootElement.GetProperty("relayState").GetString());
        Assert.False(await setup.Slo.IsLoggedInAsync(browser, setup.Ours));
    }

    [Theory]
    [InlineData("redirect")]
    [InlineData("post")]
    public async Task NodeSaml_ToldOfLogout_AnswersAndWeAcceptItsLogoutResponse(string nodeSloBinding)
    {
        await using var setup = await InteropSetup.StartAsync(nodeSloBinding);
        using var browser = new TestBrowser();
        using var channel = new FrontChannel(browser.Cookies);
        var ours = await setup.Ours.LogInAsync(browser, setup.Slo);
        var node = await setup.NodeLogInAsync(browser);
        var request = setup.Ours.NewLogoutRequest(setup.Slo, ours);
        var progress = await channel.FollowAsync(await setup.Ours.RedirectUrlAsync(setup.Slo, request));
        var toNode = await channel.GetAsync(setup.Slo.BaseUrl + Assert.Single(progress.FrameSources));

        using var handled = nodeSloBinding == "redirect"
            ? await setup.NodeAsync("handle-logout-request", "--url", toNode.Location!.ToString())
            : await setup.NodeAsync("handle-logout-request", "--saml-request", PostedRequest(toNode));

        var profile = handled.RootElement.GetProperty("profile");
        Assert.Equal(node.NameId, profile.GetProperty("nameID").GetString());
        Assert.Equal(node.SessionIndex, profile.GetProperty("sessionIndex").GetString());
        var answered = await channel.FollowAsync(handled.RootElement.GetProperty("responseUrl").GetString()!);
        Assert.Null(answered.ErrorCode);
        Assert.Equal(0, await SloBroker.PendingAsync(channel, progress));
        var response = setup.Ours.ReceiveResponse(await channel.GetAsync(progress.Url + "/finish"), setup.Slo, request.Id);
        Assert.True(response.Response.IsCompleteLogout);
    }

    private static string PostedRequest(Hop hop)
    {
        var form = hop.Page.Form();
        Assert.Equal(SloUrl, form.Action);
        return form.Fields["SAMLRequest"];
    }

    /// <summary>A broker with our SLO-capable SP and the node-saml SP registered, and the node script's key pair.</summary>
    private sealed class InteropSetup : IAsyncDisposable
    {
        private readonly string _work;
        private readonly string _certPath;
        private readonly string _keyPath;

        private InteropSetup(string work, string certPath, string keyPath, SloBroker slo)
        {
            _work = work;
            _certPath = certPath;
            _keyPath = keyPath;
            Slo = slo;
        }

        public SloBroker Slo { get; }

        public SloServiceProvider Ours => Slo.A;

        public static async Task<InteropSetup> StartAsync(string nodeSloBinding)
        {
            var interop = ExternalTool.InteropDirectory();
            Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "@node-saml")), "Run the test command (./test.sh): it installs the npm packages of tests/interop.");
            var work = Directory.CreateTempSubdirectory("nemlogin-node-slo-").FullName;
            var (certPath, keyPath) = WriteKeyPair(work);
            var metadata = await ExternalTool.RunAsync(
                "node", ["node-saml-sp.mjs", "metadata", "--entity-id", EntityId, "--acs", AcsUrl, "--slo", SloUrl, "--slo-binding", nodeSloBinding, "--cert", certPath, "--key", keyPath],
                interop);
            Assert.True(metadata.ExitCode == 0, metadata.StandardError);
            var slo = new SloBroker(extraMetadata: metadata.StandardOutput);
            await slo.InitializeAsync();
            return new InteropSetup(work, certPath, keyPath, slo);
        }

        /// <summary>node-saml logs in (single sign-on) in the browser's broker session, handed over as a cookie jar file.</summary>
        public async Task<SpSession> NodeLogInAsync(TestBrowser browser)
        {
            var sid = browser.Cookies.GetAllCookies().Single(c => c.Name == "nemlogin.sid");
            var jar = Path.Combine(_work, "jar.json");
            await File.WriteAllTextAsync(jar, JsonSerializer.Serialize(new[] { new { name = sid.Name, value = sid.Value, domain = sid.Domain, path = "/" } }), TestContext.Current.CancellationToken);
            using var login = await NodeAsync("login", "--cookie-jar", jar);
            var profile = login.RootElement.GetProperty("profile");
            return new SpSession(profile.GetProperty("nameID").GetString()!, profile.GetProperty("nameIDFormat").GetString()!, profile.GetProperty("sessionIndex").GetString()!);
        }

        public async Task<JsonDocument> NodeAsync(string command, params string[] extra)
        {
            var run = await ExternalTool.RunAsync(
                "node",
                ["node-saml-sp.mjs", command, "--broker", Slo.BaseUrl, "--entity-id", EntityId, "--acs", AcsUrl, "--slo", SloUrl, "--cert", _certPath, "--key", _keyPath, .. extra],
                ExternalTool.InteropDirectory());
            Assert.True(run.ExitCode == 0, $"node-saml {command} refused: {run.StandardOutput}\n{run.StandardError}");
            return JsonDocument.Parse(run.StandardOutput);
        }

        public async ValueTask DisposeAsync()
        {
            await Slo.DisposeAsync();
            Directory.Delete(_work, recursive: true);
        }

        private static (string CertPath, string KeyPath) WriteKeyPair(string directory)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=node-saml interop SP", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
            var certPath = Path.Combine(directory, "sp.pem");
            var keyPath = Path.Combine(directory, "sp-key.pem");
            File.WriteAllText(certPath, certificate.ExportCertificatePem());
            File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
            return (certPath, keyPath);
        }
    }
}
