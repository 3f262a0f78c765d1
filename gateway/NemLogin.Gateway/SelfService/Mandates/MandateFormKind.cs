namespace NemLogin.Gateway.SelfService.Mandates;

/// <summary>The two forms that make a mandate: the person grants one, or asks someone for one.</summary>
internal enum MandateFormKind
{
    /// <summary>The person is the grantor; the form names the grantee.</summary>
    Grant,

    /// <summary>The person is the grantee; the form names the grantor, who approves or declines.</summary>
    Request,
}
