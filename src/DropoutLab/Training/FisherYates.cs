using DropoutLab.Random;

namespace DropoutLab.Training;

/// <summary>The epoch order of the mini-batch trainers: Fisher–Yates, for i = n−1 … 1 swap i with ⌊u·(i+1)⌋, u ~ U[0, 1).</summary>
internal static class FisherYates
{
    /// <summary>Shuffles <paramref name="order"/> in place with uniforms from <paramref name="random"/>.</summary>
    public static void Shuffle(int[] order, IRandomSource random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random.NextDouble() * (i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
