namespace DropoutLab.Playground.Tests;

/// <summary>
/// How long a bUnit wait may take before it fails: bUnit's default is one second, which a shared 2-core machine running
/// the browser tests and builds beside these can exceed without anything being wrong.
/// </summary>
internal static class BunitTimeouts
{
    /// <summary>The wait for a component to render what the assertion expects.</summary>
    public static readonly TimeSpan Render = TimeSpan.FromSeconds(30);
}
