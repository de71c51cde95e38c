namespace DropoutLab.Settings;

/// <summary>
/// A setting has a value the library cannot use. <see cref="Setting"/> is the library's name for it (one of
/// <see cref="SettingNames"/>), so a front end can point at whatever it calls that setting;
/// <see cref="Exception.Message"/> reads "<c>{Setting} {Requirement}, but got {Value}.</c>", or
/// "<c>{Setting} {Requirement}.</c>" when no value was given.
/// </summary>
public sealed class SettingException : ArgumentException
{
    /// <summary>Creates the exception for one setting.</summary>
    /// <param name="setting">The library's name of the setting, e.g. <see cref="SettingNames.KeepProbs"/>.</param>
    /// <param name="requirement">What the value must satisfy, phrased to follow the name: "must be in (0, 1]".</param>
    /// <param name="value">The offending value as invariant-culture text (lists comma-separated), or null when it is missing.</param>
    /// <param name="relatedSetting">Another setting the requirement depends on (e.g. the layers a keepProbs count must match), or null.</param>
    public SettingException(string setting, string requirement, string? value, string? relatedSetting = null)
        : base(Describe(setting, requirement, value), setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(requirement);
        Setting = setting;
        Requirement = requirement;
        Value = value;
        RelatedSetting = relatedSetting;
    }

    /// <summary>The library's name of the setting, a <see cref="SettingNames"/> constant.</summary>
    public string Setting { get; }

    /// <summary>What the value must satisfy, phrased to follow the setting's name, e.g. "must be at least 1".</summary>
    public string Requirement { get; }

    /// <summary>The offending value as invariant-culture text, or null when the setting was missing.</summary>
    public string? Value { get; }

    /// <summary>A second setting the requirement depends on, or null.</summary>
    public string? RelatedSetting { get; }

    /// <summary>One line naming the setting, the requirement and the value; never a parameter suffix.</summary>
    public override string Message => Describe(Setting, Requirement, Value);

    private static string Describe(string setting, string requirement, string? value) =>
        value is null ? $"{setting} {requirement}." : $"{setting} {requirement}, but got {value}.";
}
