using DropoutLab.Numerics.Functions;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class CosPiTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(1.0, -1.0)]
    [InlineData(1.5, 0.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(-1.0, -1.0)]
    public void ExactAtTheQuarterTurns(double t, double expected) => Assert.Equal(expected, CosPi.Evaluate(t));

    [Fact]
    public void AgreesWithMathCosToAboutAnUlp()
    {
        var random = new System.Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            double t = (random.NextDouble() * 4) - 2;
            double expected = Math.Cos(Math.PI * t);
            double actual = CosPi.Evaluate(t);
            // the reference rounds π·t for |π·t| up to 2π (an absolute error up to 4.4e-16 in its argument); CosPi
            // reduces t exactly first, so the two agree to the reference's own error
            Assert.True(Math.Abs(actual - expected) <= 1e-15, $"t = {t:R}: {actual:R} vs {expected:R}");
        }
    }

    [Fact]
    public void IsEvenAndPeriodicAndNaNOutsideTheReals()
    {
        Assert.Equal(CosPi.Evaluate(0.3), CosPi.Evaluate(-0.3));
        Assert.Equal(CosPi.Evaluate(0.25), CosPi.Evaluate(2.25));
        Assert.Equal(Math.Sqrt(0.5), CosPi.Evaluate(0.25), 15);
        Assert.True(double.IsNaN(CosPi.Evaluate(double.NaN)));
        Assert.True(double.IsNaN(CosPi.Evaluate(double.PositiveInfinity)));
    }
}
