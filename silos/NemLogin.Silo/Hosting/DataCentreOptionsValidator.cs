using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace NemLogin.Silo.Hosting;

internal sealed partial class DataCentreOptionsValidator : IValidateOptions<DataCentreOptions>
{
    public ValidateOptionsResult Validate(string? name, DataCentreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            return ValidateOptionsResult.Fail("DataCenter:Name is required in cluster mode (for example DC1 or DC2).");
        }

        return Label().IsMatch(options.Name)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"DataCenter:Name '{options.Name}' must be 1-16 letters, digits or hyphens (for example DC1).");
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex Label();
}
