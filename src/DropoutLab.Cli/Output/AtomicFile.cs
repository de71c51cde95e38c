using System.Text;

namespace DropoutLab.Cli.Output;

/// <summary>Writes a file via a temporary file in the same folder and a rename, so no partial file is ever visible.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> (UTF-8, no BOM) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
            }

            throw new IOException($"cannot write '{path}': {ex.Message}", ex);
        }
    }
}
