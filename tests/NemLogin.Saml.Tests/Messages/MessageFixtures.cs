using System.Runtime.CompilerServices;
using NemLogin.Saml.Tests.Support;

namespace NemLogin.Saml.Tests.Messages;

/// <summary>Fixture files named after the test that uses them: Fixtures/&lt;TestClass&gt;/&lt;TestMethod&gt;.xml.</summary>
internal static class MessageFixtures
{
    public static string For<TTestClass>([CallerMemberName] string test = "") =>
        Fixtures.Read(typeof(TTestClass).Name, test + ".xml");
}
