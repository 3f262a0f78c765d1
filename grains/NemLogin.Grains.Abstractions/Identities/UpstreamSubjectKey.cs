namespace NemLogin.Grains.Identities;

/// <summary>Builds the key of <see cref="IUpstreamSubjectGrain"/>.</summary>
public static class UpstreamSubjectKey
{
    public static string For(string upstream, string subject) => $"{upstream}|{subject}";
}
