namespace PurchaseSdk.Money;

/// <summary>
/// Splits an amount of minor units into parts that add up to it exactly (the largest-remainder method): no cent is
/// lost or invented, whatever the weights.
/// </summary>
internal static class MinorUnitAllocation
{
    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/>. Each part first gets its
    /// proportional share rounded down; the cents left over go one each to the parts with the largest remainders
    /// (the earliest part first on ties). When every weight is zero the split is even.
    /// </summary>
    /// <param name="total">The amount to split, in minor units; not negative.</param>
    /// <param name="weights">One non-negative weight per part (for example each unit's price).</param>
    /// <returns>One part per weight; the parts add up to <paramref name="total"/>.</returns>
    public static long[] Allocate(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfZero(weights.Count);

        var count = weights.Count;
        decimal weightSum = 0;
        for (var i = 0; i < count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weights[i]);
            weightSum += weights[i];
        }

        var parts = new long[count];
        var remainders = new decimal[count];
        long allocated = 0;
        for (var i = 0; i < count; i++)
        {
            var exact = weightSum == 0 ? (decimal)total / count : total * (weights[i] / weightSum);
            parts[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - parts[i];
            allocated += parts[i];
        }

        var leftover = total - allocated;
        if (leftover > 0)
        {
            var order = new int[count];
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }

            // Stable: equal remainders keep their original order.
            Array.Sort(order, (a, b) => remainders[b] != remainders[a] ? remainders[b].CompareTo(remainders[a]) : a.CompareTo(b));
            for (var i = 0; i < leftover; i++)
            {
                parts[order[i % count]]++;
            }
        }

        return parts;
    }
}
