using System.Globalization;
using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Settings;
using DropoutLab.Training;
using Google.Protobuf;
using Onnx;

namespace DropoutLab.Onnx;

// Dimension key: N = batch (dynamic), n₀ = inputs, nₗ = units of layer l, C = outputs. Tensors are row-major
// [N, features] (ONNX's layout), the transpose of the library's features × examples; Wₗ is stored as nₗ × nₗ₋₁, so
// each dense layer is Gemm(x, Wₗ, bₗ, transB = 1) = x·Wₗᵀ + bₗ.

/// <summary>
/// Writes a trained <see cref="MlpNetwork{T}"/> as an ONNX model (IR version 8, opset 17, float32 or float64 as the
/// model): input <c>input</c> [batch, n₀] → (x − mean)/std when the model standardizes → per layer Gemm, Relu or Selu,
/// BatchNormalization (its ONNX operator with the running statistics) → Softmax into <c>probabilities</c>
/// [batch, C] (or the last Gemm into <c>prediction</c> [batch, C] for <see cref="OnnxHead.Prediction"/>).
/// </summary>
/// <remarks>
/// <para>
/// Without <see cref="OnnxExportOptions.McDropout"/> the graph is the model at inference, exactly what
/// <c>evaluate</c> computes: inverted dropout and the unscaled ("none") rule are the identity, the at-inference rule's
/// factor keepProb is folded into the next layer's weights (keepProb·W, or a Mul node where a batch norm comes
/// first), Gaussian and alpha dropout are the identity, DropConnect uses W itself.
/// </para>
/// <para>
/// With it, each Bernoulli site with keepProb &lt; 1 becomes Dropout(x, ratio = 1 − keepProb, training_mode =
/// mc_dropout), whose training form is inverted dropout, m⊙x/keepProb with m ~ Bernoulli(keepProb) per element. The
/// at-inference rule keeps its folded keepProb (keepProb·m⊙x/keepProb = m⊙x, its Monte-Carlo pass; keepProb·x at
/// inference) and the unscaled rule multiplies by Where(mc_dropout, keepProb, 1). ONNX has no operator for
/// Gaussian or alpha noise, DropConnect's weight masks or one mask per unit shared over the batch, so those models
/// are refused with the rule named (<see cref="McDropoutRefusal{T}"/>); they export in their inference form.
/// The Dropout nodes carry no seed attribute: ONNX Runtime 1.31.1 with a seed draws masks that are strongly
/// correlated from one run to the next (the first element of a [6, 24] input was dropped in every run), without
/// one they are independent (tested), and they are the host's masks, never the library's. Because mc_dropout is a
/// graph input, ONNX Runtime keeps the Dropout nodes at every optimization level; an optimizer that treats Dropout
/// as an inference no-op would remove them, so the model's doc_string tells hosts to disable graph optimizations
/// if two passes come out equal (<see cref="OptimizationWarning"/>).
/// </para>
/// </remarks>
public static class OnnxExport
{
    /// <summary>The graph input [batch, n₀], of the model's precision.</summary>
    public const string InputName = "input";

    /// <summary>The boolean scalar graph input switching the Dropout nodes on (only with <see cref="OnnxExportOptions.McDropout"/>; default false).</summary>
    public const string McDropoutName = "mc_dropout";

    /// <summary>The classifier's output [batch, C].</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>The regression network's output [batch, C].</summary>
    public const string PredictionName = "prediction";

    /// <summary>The ONNX operator set the graph uses (the default domain).</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version written.</summary>
    public const int IrVersion = 8;

    /// <summary>What a host must know about <see cref="McDropoutName"/>, written into the doc_string of every Monte-Carlo graph.</summary>
    public const string OptimizationWarning =
        "mc_dropout = true needs the Dropout nodes: a host whose graph optimizer removes Dropout as an inference no-op "
        + "ignores mc_dropout without an error, so disable graph optimizations for Monte-Carlo dropout (ONNX Runtime: "
        + "GraphOptimizationLevel.ORT_DISABLE_ALL; ONNX Runtime 1.31.1 keeps them at every level because mc_dropout "
        + "is a graph input) and check that two passes differ.";

    /// <summary>
    /// Why <paramref name="model"/> cannot be exported with <see cref="OnnxExportOptions.McDropout"/>, naming the rule,
    /// or null when it can (Bernoulli dropout with per-element masks, any scaling rule).
    /// </summary>
    public static string? McDropoutRefusal<T>(MlpNetwork<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Dropout switch
        {
            DropoutVariant.Gaussian => "gaussian dropout (multiplicative N(1, (1 − keepProb)/keepProb) noise) has no ONNX operator",
            DropoutVariant.Alpha => "alpha dropout (dropped units set to −λα, then an affine map) has no ONNX operator",
            DropoutVariant.DropConnect => "dropconnect (masks on the weights) has no ONNX operator",
            _ when model.MaskShare == MaskSharing.Feature => "feature-shared masks (one mask per unit for the whole batch) cannot be drawn by ONNX's Dropout, which draws one bit per element",
            _ => null,
        };
    }

    /// <summary>The ONNX model of <paramref name="model"/> as protobuf bytes.</summary>
    /// <exception cref="SettingException">
    /// <see cref="OnnxExportOptions.McDropout"/> is asked for a model <see cref="McDropoutRefusal{T}"/> refuses
    /// (setting <see cref="SettingNames.McDropout"/>; the message names the rule).
    /// </exception>
    /// <exception cref="NotSupportedException">The network holds a layer the exporter does not know, or <typeparamref name="T"/> is neither float nor double.</exception>
    public static byte[] ToBytes<T>(MlpNetwork<T> model, OnnxExportOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new OnnxExportOptions();
        if (options.McDropout && McDropoutRefusal(model) is { } reason)
        {
            throw new SettingException(SettingNames.McDropout, $"needs Bernoulli dropout with per-element masks: {reason}; export without it for the inference form", null);
        }

        var graph = new OnnxGraphBuilder<T>("dropoutlab_mlp");
        new GraphWalk<T>(graph, model, options).Run();
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "DropoutLab",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Domain = "dropoutlab",
            ModelVersion = 1,
            DocString = Describe(model, options),
            Graph = graph.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        AddMetadata(proto, "dropoutlab.layers", string.Join(",", model.Layers.Select(Invariant)));
        AddMetadata(proto, "dropoutlab.keep_probs", string.Join(",", model.KeepProbs.Select(q => q.ToString("R", CultureInfo.InvariantCulture))));
        AddMetadata(proto, "dropoutlab.scaling", model.Scaling.ToString());
        AddMetadata(proto, "dropoutlab.dropout", model.Dropout.ToString());
        AddMetadata(proto, "dropoutlab.mc_dropout", options.McDropout ? "true" : "false");
        return proto.ToByteArray();
    }

    /// <summary>Writes <see cref="ToBytes{T}"/> to <paramref name="path"/> atomically (a temporary file renamed into place).</summary>
    /// <exception cref="SettingException">As <see cref="ToBytes{T}"/>; nothing is written.</exception>
    public static void Save<T>(MlpNetwork<T> model, string path, OnnxExportOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = ToBytes(model, options);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private static string Describe<T>(MlpNetwork<T> model, OnnxExportOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string precision = typeof(T) == typeof(float) ? "float32" : "float64";
        string output = options.Head == OnnxHead.Probabilities ? ProbabilitiesName : PredictionName;
        string text = $"DropoutLab MLP {string.Join(" → ", model.Layers.Select(Invariant))} ({precision}, {model.Dropout} dropout, {model.Scaling} scaling). "
            + $"Input '{InputName}' [batch, {Invariant(model.Layers[0])}] raw features (standardized inside the graph); output '{output}' [batch, {Invariant(model.Layers[^1])}].";
        return options.McDropout
            ? text + $" Boolean input '{McDropoutName}' (default false) turns Monte-Carlo dropout on. WARNING: {OptimizationWarning}"
            : text + " Inference graph: no Dropout nodes.";
    }

    private static void AddMetadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // One pass over the layers, carrying the tensor x the next node reads and the factor the at-inference rule owes.
    private sealed class GraphWalk<T>(OnnxGraphBuilder<T> graph, MlpNetwork<T> model, OnnxExportOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private string _x = string.Empty;
        private string? _mcDropout;
        private double _pendingScale = 1.0;
        private int _dense;
        private int _site;
        private int _activation;
        private int _norm;

        public void Run()
        {
            _x = graph.Input(InputName, graph.ElementType, null, model.Layers[0]);
            if (options.McDropout)
            {
                _mcDropout = graph.BooleanInputWithDefault(McDropoutName, defaultValue: false);
            }

            if (model.Standardization != InputStandardization.None)
            {
                _x = graph.Node("Sub", "input_centered", [_x, graph.Scalar("input_mean", model.Standardization.Mean)]);
                _x = graph.Node("Div", "input_standardized", [_x, graph.Scalar("input_std", model.Standardization.Std)]);
            }

            // The sites are numbered as the model's masks are: 0 the inputs, k hidden layer k, whether or not a site has a layer.
            if (model.Network.Layers.Count == 0 || model.Network.Layers[0] is not DropoutLayer<T>)
            {
                _site = 1;
            }

            foreach (ILayer<T> layer in model.Network.Layers)
            {
                Add(layer);
            }

            int classes = model.Layers[^1];
            if (options.Head == OnnxHead.Probabilities)
            {
                graph.Node("Softmax", ProbabilitiesName, [_x], OnnxGraphBuilder<T>.Attribute("axis", 1L));
                graph.Output(ProbabilitiesName, null, classes);
            }
            else
            {
                graph.Node("Identity", PredictionName, [_x]);
                graph.Output(PredictionName, null, classes);
            }
        }

        private void Add(ILayer<T> layer)
        {
            switch (layer)
            {
                case Dense<T> dense:
                    AddDense(dense);
                    break;
                case ReluDropout<T> fused:
                    AddActivation("Relu");
                    AddBernoulli(fused);
                    break;
                case Dropout<T> dropout:
                    AddBernoulli(dropout);
                    break;
                case GaussianDropout<T> or AlphaDropout<T>:
                    // Both are the identity at inference; Monte-Carlo graphs of them were refused before the walk.
                    _site++;
                    break;
                case Relu<T>:
                    AddActivation("Relu");
                    break;
                case Selu<T>:
                    AddSelu();
                    break;
                case BatchNorm<T> norm:
                    AddBatchNorm(norm);
                    break;
                default:
                    throw new NotSupportedException($"ONNX export does not know the layer {layer.GetType().Name}.");
            }
        }

        // y = x·(s·W)ᵀ + b, s the at-inference factor owed by the dropout before (1 otherwise).
        private void AddDense(Dense<T> dense)
        {
            _dense++;
            string name = Invariant(_dense);
            T[] weights = dense.Weights.Value.Data;
            if (_pendingScale != 1.0)
            {
                T scale = T.CreateChecked(_pendingScale);
                weights = [.. weights.Select(w => scale * w)];
                _pendingScale = 1.0;
            }

            string w = graph.Constant($"W{name}", weights, dense.OutputUnits, dense.InputSize);
            string b = graph.Constant($"b{name}", dense.Bias.Value.Data, dense.OutputUnits);
            _x = graph.Node("Gemm", $"gemm{name}", [_x, w, b], OnnxGraphBuilder<T>.Attribute("transB", 1L));
        }

        private void AddActivation(string opType)
        {
            _activation++;
            _x = graph.Node(opType, $"{opType.ToLowerInvariant()}{Invariant(_activation)}", [_x]);
        }

        // SELU(x) = λ·x for x > 0, λα·(eˣ − 1) otherwise. ONNX's Selu takes α and λ as float32 attributes, exact for
        // float32 models; float64 models get λ·Relu(x) + λα·(exp(min(x, 0)) − 1) with float64 constants.
        private void AddSelu()
        {
            if (typeof(T) == typeof(float))
            {
                AddActivation("Selu");
                return;
            }

            string name = $"selu{Invariant(++_activation)}";
            string positive = graph.Node("Mul", $"{name}_positive", [graph.Node("Relu", $"{name}_relu", [_x]), graph.Scalar($"{name}_lambda", SeluConstants.Lambda)]);
            string exp = graph.Node("Exp", $"{name}_exp", [graph.Node("Min", $"{name}_min", [_x, graph.Scalar($"{name}_zero", 0.0)])]);
            string negative = graph.Node("Mul", $"{name}_negative", [graph.Node("Sub", $"{name}_expm1", [exp, graph.Scalar($"{name}_one", 1.0)]), graph.Scalar($"{name}_lambda_alpha", SeluConstants.Lambda * SeluConstants.Alpha)]);
            _x = graph.Node("Add", name, [positive, negative]);
        }

        // Training form m⊙x·s with s = 1/keepProb (inverted) or 1 (at-inference, none); inference form x·s′ with
        // s′ = 1, keepProb, 1. The Dropout node gives m⊙x/keepProb in training mode and x otherwise; the factors
        // after it make the other two rules.
        private void AddBernoulli(DropoutLayer<T> dropout)
        {
            string site = Invariant(_site++);
            double keepProb = dropout.KeepProb;
            if (keepProb >= 1.0)
            {
                return;
            }

            if (_mcDropout is { } mc)
            {
                string ratio = graph.Scalar($"dropout{site}_ratio", 1.0 - keepProb);
                _x = graph.Node("Dropout", $"dropout{site}", [_x, ratio, mc]);
                if (dropout.Scaling == DropoutScaling.None)
                {
                    string factor = graph.Node("Where", $"dropout{site}_factor", [mc, graph.Scalar($"dropout{site}_keep_prob", keepProb), graph.Scalar($"dropout{site}_one", 1.0)]);
                    _x = graph.Node("Mul", $"dropout{site}_unscaled", [_x, factor]);
                }
            }

            if (dropout.Scaling == DropoutScaling.AtInference)
            {
                _pendingScale *= keepProb;
            }
        }

        // y = γ·(x − running mean)/√(running variance + ε) + β, per feature.
        private void AddBatchNorm(BatchNorm<T> norm)
        {
            FlushScale();
            _norm++;
            string name = Invariant(_norm);
            string gamma = graph.Constant($"bn{name}_gamma", norm.Gamma.Value.Data, norm.Features);
            string beta = graph.Constant($"bn{name}_beta", norm.Beta.Value.Data, norm.Features);
            string mean = graph.Constant($"bn{name}_running_mean", [.. norm.RunningMean], norm.Features);
            string variance = graph.Constant($"bn{name}_running_variance", [.. norm.RunningVariance], norm.Features);
            _x = graph.Node("BatchNormalization", $"batchnorm{name}", [_x, gamma, beta, mean, variance], OnnxGraphBuilder<T>.Attribute("epsilon", (float)norm.Epsilon));
        }

        // The at-inference factor cannot pass through a batch norm: y = s·x before it.
        private void FlushScale()
        {
            if (_pendingScale != 1.0)
            {
                string scale = graph.Scalar($"at_inference_scale{Invariant(_site)}", _pendingScale);
                _x = graph.Node("Mul", $"at_inference_scaled{Invariant(_site)}", [_x, scale]);
                _pendingScale = 1.0;
            }
        }
    }
}
