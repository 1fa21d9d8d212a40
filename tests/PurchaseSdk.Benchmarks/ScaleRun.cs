namespace PurchaseSdk.Benchmarks;

/// <summary>One measured batch of the pg-scale harness: deliveries per second, and the cores each part used meanwhile.</summary>
internal sealed record ScaleRun(double PerSecond, double Sandbox, double Workers, double Postgres, double Harness)
{
    public double Total => Sandbox + Workers + Postgres + Harness;

    public override string ToString() => FormattableString.Invariant(
        $"{PerSecond:0} deliveries/s; cores used: workers {Workers:0.00}, sandbox {Sandbox:0.00}, PostgreSQL {Postgres:0.00}, harness {Harness:0.00}, total {Total:0.00} of {Environment.ProcessorCount}");
}
