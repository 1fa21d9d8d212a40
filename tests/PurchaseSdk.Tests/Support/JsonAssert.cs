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
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject expectedObject, JsonObject actualObject):
                CompareObjects(expectedObject, actualObject, path, differences);
                return;
            case (JsonArray expectedArray, JsonArray actualArray):
                CompareArrays(expectedArray, actualArray, path, differences);
                return;
            case (JsonValue expectedValue, JsonValue actualValue):
                CompareValues(expectedValue, actualValue, path, differences);
                return;
            default:
                differences.Add($"{path}: expected {Describe(expected)}, got {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }

    /// <summary>What a node of another kind than the actual one was expected to be: null, an object, an array, or the value itself.</summary>
    private static string Describe(JsonNode? expected) => expected switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => expected.ToJsonString(),
    };

    private static void CompareObjects(JsonObject expected, JsonObject actual, string path, List<string> differences)
    {
        foreach (var (name, value) in expected)
        {
            if (!actual.ContainsKey(name))
            {
                differences.Add($"{path}.{name}: missing");
                continue;
            }

            Compare(value, actual[name], $"{path}.{name}", differences);
        }

        foreach (var (name, _) in actual)
        {
            if (!expected.ContainsKey(name))
            {
                differences.Add($"{path}.{name}: unexpected member");
            }
        }
    }

    private static void CompareArrays(JsonArray expected, JsonArray actual, string path, List<string> differences)
    {
        if (expected.Count != actual.Count)
        {
            differences.Add($"{path}: expected {expected.Count} items, got {actual.Count}");
            return;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            Compare(expected[i], actual[i], $"{path}[{i}]", differences);
        }
    }

    private static void CompareValues(JsonValue expected, JsonValue actual, string path, List<string> differences)
    {
        if (expected.GetValueKind() == System.Text.Json.JsonValueKind.Number && actual.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            var expectedNumber = decimal.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            var actualNumber = decimal.Parse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (expectedNumber != actualNumber)
            {
                differences.Add($"{path}: expected {expectedNumber}, got {actualNumber}");
            }
        }
        else if (expected.ToJsonString() != actual.ToJsonString())
        {
            differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
        }
    }
}
