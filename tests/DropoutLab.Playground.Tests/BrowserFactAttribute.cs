namespace DropoutLab.Playground.Tests;

/// <summary>
/// A test that needs the browser: skipped, with the reason, when /usr/bin/chromium is missing or when the .NET
/// instruction-set variables are set. CI runs the whole suite once per instruction-set setting (see .ci/run), but
/// WebAssembly in the browser never sees those variables, so a browser run under them would only repeat the run under
/// the defaults: the browser tests run once, under the defaults. Tests of the served files need no browser and run
/// under every setting.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    private static readonly string[] InstructionSetVariables =
        ["DOTNET_EnableAVX512F", "DOTNET_EnableAVX512", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic"];

    /// <summary>Creates the attribute, skipping the test when browser tests cannot or need not run.</summary>
    public BrowserFactAttribute()
    {
        Skip = SkipReason;
    }

    /// <summary>Why browser tests are skipped here, or null when they run.</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    private static string? FindSkipReason()
    {
        if (!File.Exists(PlaygroundServer.ChromiumPath))
        {
            return $"no browser: {PlaygroundServer.ChromiumPath} is missing (apt-get install chromium)";
        }

        string? set = Array.Find(InstructionSetVariables, name => Environment.GetEnvironmentVariable(name) == "0");
        return set is null
            ? null
            : $"{set}=0 is set: the browser's WebAssembly ignores the .NET instruction-set variables, so the browser tests run only under the defaults";
    }
}
