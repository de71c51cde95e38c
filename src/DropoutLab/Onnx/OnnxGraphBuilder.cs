using System.Numerics;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace DropoutLab.Onnx;

/// <summary>
/// Builds one ONNX graph in element type <typeparamref name="T"/> (float32 or float64): inputs, outputs, nodes and
/// initializers, each name unique. Tensors are stored row-major in raw little-endian bytes, as ONNX defines them.
/// </summary>
internal sealed class OnnxGraphBuilder<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly HashSet<string> _names = [];

    /// <summary>Starts an empty graph.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public OnnxGraphBuilder(string name)
    {
        ElementType = typeof(T) == typeof(float) ? TensorProto.Types.DataType.Float
            : typeof(T) == typeof(double) ? TensorProto.Types.DataType.Double
            : throw new NotSupportedException($"ONNX export supports float32 and float64 models, not {typeof(T).Name}.");
        Graph = new GraphProto { Name = name };
    }

    /// <summary>The graph being built.</summary>
    public GraphProto Graph { get; }

    /// <summary>ONNX's code for <typeparamref name="T"/>.</summary>
    public TensorProto.Types.DataType ElementType { get; }

    /// <summary>A graph input of element type <paramref name="type"/>; a null dimension is the dynamic "batch".</summary>
    public string Input(string name, TensorProto.Types.DataType type, params long?[] dims)
    {
        Graph.Input.Add(ValueInfo(Claim(name), type, dims));
        return name;
    }

    /// <summary>A graph output of the graph's element type; a null dimension is the dynamic "batch".</summary>
    public void Output(string name, params long?[] dims) => Graph.Output.Add(ValueInfo(name, ElementType, dims));

    /// <summary>An initializer of the graph's element type holding <paramref name="values"/> with shape <paramref name="dims"/>.</summary>
    public string Constant(string name, ReadOnlySpan<T> values, params long[] dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new NotSupportedException("ONNX export writes raw tensor bytes and needs a little-endian machine.");
        }

        var tensor = new TensorProto
        {
            Name = Claim(name),
            DataType = (int)ElementType,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)),
        };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A scalar (rank 0) initializer of the graph's element type.</summary>
    public string Scalar(string name, double value) => Constant(name, [T.CreateChecked(value)]);

    /// <summary>
    /// A boolean graph input that is also an initializer holding <paramref name="defaultValue"/>: ONNX's way
    /// (IR version ≥ 4) of giving an input a default that a host may override.
    /// </summary>
    public string BooleanInputWithDefault(string name, bool defaultValue)
    {
        Input(name, TensorProto.Types.DataType.Bool);
        Graph.Initializer.Add(new TensorProto
        {
            Name = name,
            DataType = (int)TensorProto.Types.DataType.Bool,
            Int32Data = { defaultValue ? 1 : 0 },
        });
        return name;
    }

    /// <summary>Adds a node whose one output has the node's name, and returns that name.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Claim(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return name;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A float attribute (ONNX stores float attributes in single precision).</summary>
    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? dim in dims)
        {
            shape.Dim.Add(dim is { } size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private string Claim(string name) =>
        _names.Add(name) ? name : throw new InvalidOperationException($"the ONNX name '{name}' is used twice.");
}
