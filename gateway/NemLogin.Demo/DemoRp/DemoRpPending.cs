namespace NemLogin.Demo.DemoRp;

/// <summary>What the demo RP keeps between sending the browser to the broker and the callback.</summary>
internal sealed record DemoRpPending(string State, string Nonce, string CodeVerifier);
