using FsCheck;
using FsCheck.Fluent;
using PurchaseSdk.Money;

namespace PurchaseSdk.Tests.Core;

/// <summary>Exact splitting of minor units (used to spread Scout's order tax and shipping over units).</summary>
public sealed class MinorUnitAllocationTests
{
    [Test]
    public void Proportional_shares_with_leftover_cents_going_to_the_largest_remainders()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MinorUnitAllocation.Allocate(100, [1, 1, 1]), Is.EqualTo(new long[] { 34, 33, 33 }));
            Assert.That(MinorUnitAllocation.Allocate(1000, [2000, 2000, 6000]), Is.EqualTo(new long[] { 200, 200, 600 }));
            Assert.That(MinorUnitAllocation.Allocate(10, [1, 2]), Is.EqualTo(new long[] { 3, 7 }));
            Assert.That(MinorUnitAllocation.Allocate(5, [0, 0]), Is.EqualTo(new long[] { 3, 2 }));
            Assert.That(MinorUnitAllocation.Allocate(0, [5, 5]), Is.EqualTo(new long[] { 0, 0 }));
        });
    }

    [FsCheck.NUnit.Property]
    public Property The_parts_always_add_up_to_the_whole_and_never_go_negative() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Select(v => (long)v).ToArbitrary(),
            Gen.Choose(0, 1_000_000).Select(v => (long)v).ArrayOf().Where(a => a.Length > 0).ToArbitrary(),
            (total, weights) =>
            {
                var parts = MinorUnitAllocation.Allocate(total, weights);
                return parts.Length == weights.Length && parts.Sum() == total && parts.All(p => p >= 0);
            });
}
