namespace DropoutLab.Playground.State;

/// <summary>A CSV the user dropped onto the page: its file name and its text.</summary>
public sealed record DroppedCsv(string Name, string Text);
