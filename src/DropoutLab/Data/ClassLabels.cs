using System.Globalization;
using DropoutLab.Settings;

namespace DropoutLab.Data;

/// <summary>
/// The checks on class labels before training: a training set needs at least two distinct labels, and the number
/// of classes is either given (<see cref="SettingNames.ClassCount"/>, above every label) or taken as the largest
/// label + 1, which is only allowed when every class 0 .. largest has a training example.
/// </summary>
internal static class ClassLabels
{
    private const int ListedAtMost = 10;

    /// <summary>Throws <see cref="DataFormatException"/> naming <paramref name="source"/> unless the labels hold two distinct values.</summary>
    public static void RequireTwoClasses(IReadOnlyList<int> labels, string source)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count > 0 && labels.All(label => label == labels[0]))
        {
            throw new DataFormatException(
                string.Create(CultureInfo.InvariantCulture, $"all labels are {labels[0]}; a classifier needs at least two classes."),
                source);
        }
    }

    /// <summary>
    /// The number of classes for <paramref name="train"/> and <paramref name="test"/>: <paramref name="classCount"/> when
    /// given, else the largest label + 1.
    /// </summary>
    /// <exception cref="SettingException">
    /// <paramref name="classCount"/> is below 2 or not above every label; or it is missing while some class below the
    /// largest label has no training example (labels 0, 1, 5 would silently make 6 classes).
    /// </exception>
    public static int Count(IReadOnlyList<int> train, string trainSource, IReadOnlyList<int> test, string testSource, int? classCount)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        int trainMax = train.Count == 0 ? -1 : train.Max();
        int testMax = test.Count == 0 ? -1 : test.Max();
        (int largest, string where) = testMax > trainMax ? (testMax, testSource) : (trainMax, trainSource);
        if (classCount is int given)
        {
            SettingCheck.AtLeast(given, 2, SettingNames.ClassCount);
            SettingCheck.Require(
                given > largest,
                SettingNames.ClassCount,
                string.Create(CultureInfo.InvariantCulture, $"must be more than the largest label ({largest}, in {where})"),
                SettingCheck.Text(given));
            return given;
        }

        var present = new HashSet<int>(train);
        int[] missing = [.. Enumerable.Range(0, largest + 1).Where(label => !present.Contains(label))];
        if (missing.Length > 0)
        {
            string found = List([.. present.Order()]);
            if (testMax > trainMax)
            {
                found += string.Create(CultureInfo.InvariantCulture, $", and {testMax} in {testSource}");
            }

            throw new SettingException(
                SettingNames.ClassCount,
                $"is required because the training labels of {trainSource} skip {List(missing)} (found {found}); give the number of classes to train with classes that have no examples",
                null);
        }

        return largest + 1;
    }

    private static string List(int[] labels)
    {
        string shown = string.Join(", ", labels.Take(ListedAtMost).Select(label => label.ToString(CultureInfo.InvariantCulture)));
        return labels.Length > ListedAtMost ? string.Create(CultureInfo.InvariantCulture, $"{shown}, … ({labels.Length} in all)") : shown;
    }
}
