namespace DropoutLab.Settings;

/// <summary>
/// The names <see cref="SettingException.Setting"/> takes: each settings property in camelCase, the same name in
/// every settings record that has it (<c>keepProb</c> of the course and of explain are one setting).
/// </summary>
public static class SettingNames
{
    /// <summary>Explain: the activations a dropout acts on.</summary>
    public const string Activations = "activations";

    /// <summary>Mini-batch examples.</summary>
    public const string BatchSize = "batchSize";

    /// <summary>Explain: the next layer's bias b.</summary>
    public const string Bias = "bias";

    /// <summary>Number of classes a classifier is trained for (otherwise the largest label + 1).</summary>
    public const string ClassCount = "classCount";

    /// <summary>Study: numbers of hidden layers.</summary>
    public const string Depths = "depths";

    /// <summary>Passes over the training set.</summary>
    public const string Epochs = "epochs";

    /// <summary>Course: widths of the hidden layers, input side first.</summary>
    public const string HiddenSizes = "hiddenSizes";

    /// <summary>Explain: the mean c of the random input a ~ N(c, v) of "what is kept unchanged".</summary>
    public const string InputMean = "inputMean";

    /// <summary>Explain: the variance v ≥ 0 of the random input a ~ N(c, v) of "what is kept unchanged".</summary>
    public const string InputVariance = "inputVariance";

    /// <summary>Course: seed of the weight initialization.</summary>
    public const string InitSeed = "initSeed";

    /// <summary>Gain of the initial weights, N(0, gain/fan_in).</summary>
    public const string InitGain = "initGain";

    /// <summary>Gradient-descent iterations.</summary>
    public const string Iterations = "iterations";

    /// <summary>One probability of keeping a unit.</summary>
    public const string KeepProb = "keepProb";

    /// <summary>Several probabilities of keeping a unit (per layer, or the values a study compares).</summary>
    public const string KeepProbs = "keepProbs";

    /// <summary>L2 strength λ.</summary>
    public const string Lambd = "lambd";

    /// <summary>Widths from inputs to classes.</summary>
    public const string Layers = "layers";

    /// <summary>Learning rate η.</summary>
    public const string LearningRate = "learningRate";

    /// <summary>Course: seed of the dropout masks.</summary>
    public const string MaskSeed = "maskSeed";

    /// <summary>Max-norm bound c on each unit's incoming weights.</summary>
    public const string MaxNorm = "maxNorm";

    /// <summary>Momentum μ.</summary>
    public const string Momentum = "momentum";

    /// <summary>Study: dropout passes averaged for the training-time mean activation.</summary>
    public const string ProbePasses = "probePasses";

    /// <summary>Course: costs are recorded every this many iterations.</summary>
    public const string RecordEvery = "recordEvery";

    /// <summary>Explain: the rules compared.</summary>
    public const string Rules = "rules";

    /// <summary>Study: the training rules compared.</summary>
    public const string Scalings = "scalings";

    /// <summary>Study: seeds per configuration.</summary>
    public const string Seeds = "seeds";

    /// <summary>The test set a training set is scored on.</summary>
    public const string TestData = "testData";

    /// <summary>Values a kernel is run on (a benchmark's array length).</summary>
    public const string Elements = "elements";

    /// <summary>Most threads or parallel runs.</summary>
    public const string Threads = "threads";

    /// <summary>Explain: Monte-Carlo trials.</summary>
    public const string Trials = "trials";

    /// <summary>Explain: the next layer's weights w.</summary>
    public const string Weights = "weights";

    /// <summary>Study: units per hidden layer.</summary>
    public const string Width = "width";

    /// <summary>MLP: the dropout variant (Bernoulli, Gaussian, alpha or DropConnect).</summary>
    public const string Dropout = "dropout";

    /// <summary>MLP: the hidden layers' activation (ReLU or SELU).</summary>
    public const string Activation = "activation";

    /// <summary>MLP: whether dropout masks are drawn per element or per unit.</summary>
    public const string MaskShare = "maskShare";

    /// <summary>MLP: where batch normalization goes in each hidden layer.</summary>
    public const string BatchNorm = "batchNorm";

    /// <summary>Variant study: the dropout variants compared.</summary>
    public const string Variants = "variants";

    /// <summary>MLP: the dropout scaling rule.</summary>
    public const string Scaling = "scaling";

    /// <summary>Regression: Adam's ε.</summary>
    public const string Epsilon = "epsilon";

    /// <summary>Monte-Carlo dropout: stochastic forward passes per prediction.</summary>
    public const string McSamples = "mcSamples";

    /// <summary>ONNX export: keep the dropout sites as Dropout nodes switched by the graph input mc_dropout.</summary>
    public const string McDropout = "mcDropout";

    /// <summary>UCI benchmark: the split indices run.</summary>
    public const string Splits = "splits";

    /// <summary>UCI benchmark: the shard of the work this run takes.</summary>
    public const string Shard = "shard";
}
