namespace NemLogin.Gateway.Tests.Deployment;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
