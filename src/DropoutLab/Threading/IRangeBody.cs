namespace DropoutLab.Threading;

/// <summary>Work on the index range [start, end) whose result depends only on the indices, not on the split.</summary>
internal interface IRangeBody
{
    void Run(int start, int end);
}
