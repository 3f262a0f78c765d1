using System.Globalization;
using NemLogin.Grains.Signing;
using NemLogin.Grains.Signing.Pkcs11;

namespace NemLogin.Silo.Keys;

/// <summary>The verb's options, read through configuration (the command line provider maps <c>--purpose x</c> to key <c>purpose</c>).</summary>
internal sealed class KeysArguments(IConfiguration configuration)
{
    /// <summary>The first malformed option, if any.</summary>
    public string? Problem { get; private set; }

    public string? SoPin => configuration["Keys:SoPin"];

    public Pkcs11SigningOptions Pkcs11Options()
    {
        var options = configuration.GetSection(Pkcs11SigningOptions.SectionName).Get<Pkcs11SigningOptions>() ?? new Pkcs11SigningOptions();
        if (configuration["token"] is { Length: > 0 } token)
        {
            options.TokenLabel = token;
        }

        if (configuration["library"] is { Length: > 0 } library)
        {
            options.LibraryPath = library;
        }

        return options;
    }

    public KeyPurpose Purpose()
    {
        var text = configuration["purpose"];
        if (text is not null && Pkcs11KeyLabels.TryParsePurpose(text, out var purpose))
        {
            return purpose;
        }

        Problem ??= "--purpose must be saml-signing, token-signing or saml-encryption.";
        return default;
    }

    public KeyRole Role(KeyRole fallback)
    {
        var text = configuration["role"];
        if (text is null)
        {
            return fallback;
        }

        if (Enum.TryParse<KeyRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(text, out _))
        {
            return role;
        }

        Problem ??= "--role must be current, next or previous.";
        return fallback;
    }

    public HsmKeyAlgorithm Algorithm()
    {
        switch (configuration["algorithm"]?.ToLowerInvariant())
        {
            case null or "rsa-2048":
                return HsmKeyAlgorithm.Rsa2048;
            case "rsa-3072":
                return HsmKeyAlgorithm.Rsa3072;
            case "ec-p256":
                return HsmKeyAlgorithm.EcP256;
            default:
                Problem ??= "--algorithm must be rsa-2048, rsa-3072 or ec-p256.";
                return HsmKeyAlgorithm.Rsa2048;
        }
    }

    public string? Subject() => configuration["subject"];

    public TimeSpan? Validity()
    {
        var text = configuration["days"];
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3650)
        {
            return TimeSpan.FromDays(days);
        }

        Problem ??= "--days must be a whole number of days between 1 and 3650.";
        return null;
    }
}
