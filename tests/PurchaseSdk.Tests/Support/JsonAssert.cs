using System.Globalization;
using System.Text.Json.Nodes;

namespace PurchaseSdk.Tests.Support;

/// <summary>
/// Compares JSON structurally: the same members (order ignored), arrays in order, numbers by exact decimal value
/// (so the seed's <c>5</c> equals a sent <c>5.00</c>, but never <c>5.01</c>), strings ordinally.
/// </summary>
internal static class JsonAssert
{
    public static void AreEquivalent(string expectedJson, string? actualJson)
    {
        Assert.That(actualJson, Is.Not.Null.And.Not.Empty, "no JSON body was sent");
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(actualJson!);
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        Assert.That(differences, Is.Empty, "JSON differs:\n" + string.Join("\n", differences) + "\nactual: " + actualJson);
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                }

                return;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    differences.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: missing");
                        continue;
                    }

                    Compare(value, actualObject[name], $"{path}.{name}", differences);
                }

                foreach (var (name, _) in actualObject)
                {
                    if (!expectedObject.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: unexpected member");
                    }
                }

                return;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray)
                {
                    differences.Add($"{path}: expected an array, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: expected {expectedArray.Count} items, got {actualArray.Count}");
                    return;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                }

                return;
            case JsonValue expectedValue:
                if (actual is not JsonValue actualValue)
                {
                    differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                var e = expectedValue.GetValueKind();
                var a = actualValue.GetValueKind();
                if (e == System.Text.Json.JsonValueKind.Number && a == System.Text.Json.JsonValueKind.Number)
                {
                    var expectedNumber = decimal.Parse(expectedValue.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    var actualNumber = decimal.Parse(actualValue.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (expectedNumber != actualNumber)
                    {
                        differences.Add($"{path}: expected {expectedNumber}, got {actualNumber}");
                    }
                }
                else if (expectedValue.ToJsonString() != actualValue.ToJsonString())
                {
                    differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {actualValue.ToJsonString()}");
                }

                return;
        }
    }
}
