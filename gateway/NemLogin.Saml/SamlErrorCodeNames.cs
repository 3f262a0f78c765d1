using System.Globalization;

namespace NemLogin.Saml;

/// <summary>How a <see cref="SamlErrorCode"/> is written wherever a person, a party or an auditor sees it.</summary>
public static class SamlErrorCodeNames
{
    /// <summary>The stable name, e.g. <c>saml.502.IssuerUnknown</c>: the area, the number, the name.</summary>
    public static string StableName(this SamlErrorCode code) =>
        "saml." + ((int)code).ToString(CultureInfo.InvariantCulture) + "." + code.ToString();
}
