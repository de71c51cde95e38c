using DropoutLab.Data;

namespace DropoutLab.Cli;

/// <summary>
/// Where the command line looks for Fashion-MNIST when <c>--data fashion-mnist</c> is given: the folder Debian's
/// dataset-fashion-mnist package installs its IDX files into. The library itself only ever sees a folder.
/// </summary>
public static class FashionMnist
{
    /// <summary>The <c>--data</c> value that names Fashion-MNIST.</summary>
    public const string Name = "fashion-mnist";

    /// <summary>Where Debian's dataset-fashion-mnist package installs the IDX files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The folder for <see cref="Name"/>, or <paramref name="spec"/> itself for any other value.</summary>
    /// <exception cref="DataFormatException"><paramref name="spec"/> is <see cref="Name"/> and the folder is not installed.</exception>
    public static string Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec != Name)
        {
            return spec;
        }

        if (!Directory.Exists(DebianFolder))
        {
            throw new DataFormatException(
                "Fashion-MNIST is not installed; install it with 'apt-get install dataset-fashion-mnist' or pass a folder of IDX files.",
                DebianFolder);
        }

        return DebianFolder;
    }
}
