using System.Xml;
using NemLogin.Saml.Xml;

namespace NemLogin.Saml.Tests.Support;

/// <summary>Reads fixture files copied to the output folder (Fixtures/&lt;folder&gt;/&lt;name&gt;).</summary>
public static class Fixtures
{
    public static string Read(string folder, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name));

    public static XmlDocument Load(string folder, string name) => SafeXml.Load(Read(folder, name), SamlLimits.Default);

    /// <summary>The shared sample assertion (root element, ID _assertion-6c1f2e).</summary>
    public static XmlDocument Assertion() => Load("Samples", "Assertion.xml");

    /// <summary>The shared sample response holding the same assertion, whose namespaces are declared on the response only.</summary>
    public static XmlDocument Response() => Load("Samples", "Response.xml");
}
