namespace DropoutLab.Study;

/// <summary>What a study says about "does scaling matter more in deeper networks?" (see <see cref="StudyVerdict"/>).</summary>
public enum StudyVerdictOutcome
{
    /// <summary>At every keepProb the log-loss gap between no scaling and inverted scaling is larger at the deepest depth than at the shallowest.</summary>
    Yes,

    /// <summary>Both rules and two depths were run, but at some keepProb the gap did not grow from the shallowest to the deepest depth.</summary>
    NotInThisRun,

    /// <summary>No answer: the study did not train with both inverted scaling and no scaling.</summary>
    NeedsBothTrainingRules,

    /// <summary>No answer: the study ran a single depth.</summary>
    NeedsTwoDepths,
}
