namespace NemLogin.Silo.Keys;

internal static class KeysVerbs
{
    public static bool TryParse(string text, out KeysVerb verb)
    {
        KeysVerb? parsed = text switch
        {
            "init-token" => KeysVerb.InitToken,
            "generate" => KeysVerb.Generate,
            "issue-cert" => KeysVerb.IssueCert,
            "list" => KeysVerb.List,
            "retire" => KeysVerb.Retire,
            "promote" => KeysVerb.Promote,
            _ => null,
        };
        verb = parsed.GetValueOrDefault();
        return parsed is not null;
    }
}
