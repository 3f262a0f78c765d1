using System.Globalization;
using NemLogin.LoadTests.Commands;
using NemLogin.LoadTests.Configuration;
using NemLogin.LoadTests.Progress;
using Spectre.Console;

// Reports and logs read the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

RunnerOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return RunCommand.ExitCannotStart;
}

if (options.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

if (options.Command == "prepare")
{
    return PrepareCommand.Execute(options, Console.Out);
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C ends the run and still writes the reports; a second one kills the process.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

try
{
    if (options.Command == "profile")
    {
        return await ProfileCommand.ExecuteAsync(options, Console.Out, cancel.Token);
    }

    if (options.Command == "faults")
    {
        return await NemLogin.LoadTests.Faults.FaultsCommand.ExecuteAsync(options, Console.Out, cancel.Token);
    }

    var (exitCode, _, _) = await RunCommand.ExecuteAsync(options, new LiveProgress(AnsiConsole.Console, Console.Out), Console.Out, cancel.Token);
    return exitCode;
}
catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or HttpRequestException or InvalidOperationException)
{
    Console.Error.WriteLine(ex.Message);
    return RunCommand.ExitCannotStart;
}
