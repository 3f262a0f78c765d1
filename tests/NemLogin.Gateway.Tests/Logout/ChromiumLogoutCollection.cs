using Xunit;

namespace NemLogin.Gateway.Tests.Logout;

[CollectionDefinition(ChromiumLogoutTests.Alone, DisableParallelization = true)]
public sealed class ChromiumLogoutCollection;
