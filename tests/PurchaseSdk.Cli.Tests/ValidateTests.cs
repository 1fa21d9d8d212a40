namespace PurchaseSdk.Cli.Tests;

/// <summary><c>purchasesdk validate</c>: every invalid purchase with its line number and field path; the CSV layout.</summary>
public sealed class ValidateTests : CliTest
{
    [Test]
    public async Task Lists_every_problem_with_its_line_and_field_path_and_exits_3()
    {
        var file = Cli.Write("orders.jsonl", string.Join('\n',
            """{"orderId":"A-1","currency":"USD","lines":[{"name":"Canoe","unitPrice":49}]}""",
            "",
            """{"orderId":"A-2","currency":"USD","lines":[{"name":"Canoe","unitPrice":15.505}]}""",
            """{"orderId":"A-3","currency":"XYZ","lines":[{"name":"Canoe","unitPrice":1,"quantity":0}],"total":3}""",
            """{"orderId":"A-4","currency":"USD","lines":[{"name":"Canoe","unitPirce":1}]}""",
            """{"orderId":"A-1","currency":"USD","lines":[{"name":"Canoe","unitPrice":1}]}""",
            """{"orderId":"A-6","currency":"USD","occurredAt":"2026-11-29T12:00:00","lines":[{"name":"Canoe","unitPrice":1}],"contexts":{"Scout.User":{"userId":1,"accessToken":"t"},"Acme.Thing":{}}}""",
            "this is not JSON",
            """{"orderId":"A-9","currency":"JPY","lines":[{"name":"Bag","unitPrice":1500}]}""") + "\n");

        var result = await Cli.RunAsync("validate", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(Row(result.Out, "3", "Lines[0].UnitPrice"), Does.Contain("has more decimals than USD allows"));
            Assert.That(Row(result.Out, "4", "Currency"), Does.Contain("'XYZ' is not a known ISO 4217 currency code"));
            Assert.That(Row(result.Out, "4", "Lines[0].Quantity"), Does.Contain("must be at least 1"));
            Assert.That(Row(result.Out, "5", "Lines[0].UnitPirce"), Does.Contain("is not a known field"));
            Assert.That(Row(result.Out, "6", "OrderId"), Does.Contain("'A-1' is already on line 1"));
            Assert.That(Row(result.Out, "7", "OccurredAt"), Does.Contain("with an offset"));
            Assert.That(Row(result.Out, "7", "Contexts.Acme.Thing"), Does.Contain("not a known context type; known: Drip.Subscriber, ElasticPath.Checkout, Rundl.Checkout, Scout.User"));
            Assert.That(Row(result.Out, "8", "-"), Does.Contain("is not valid JSON"));
            Assert.That(result.Out, Does.Not.Contain("| 1 ").And.Not.Contain("| 9 "), "valid purchases are not listed");
            Assert.That(result.Out, Does.EndWith("6 of 8 purchases in orders.jsonl are invalid.\n"));
        });
    }

    [Test]
    public async Task A_valid_file_exits_0_and_needs_no_configuration()
    {
        var result = await Cli.RunAsync("validate", Cli.CopySample("orders.csv"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Is.EqualTo("All 3 purchases in orders.csv are valid.\n"));
    }

    [Test]
    public async Task CSV_rows_of_one_order_make_one_purchase_and_a_line_s_problem_names_its_own_row()
    {
        var file = Cli.Write("orders.txt", """
            order_id,currency,customer_email,tax,product_name,quantity,unit_price,line_property:gift,contexts
            C-1,USD,ann@example.com,1.00,Canoe,1,49.00,,"{""Rundl.Checkout"":{""accountId"":1,""serviceId"":2,""productId"":3}}"
            C-1,,,,"Paddle, carbon",2,12.505,yes,
            C-2,USD,bo@example.com,0,Bag,one,10,,
            C-3,USD,,abc,Cup,1,3,,
            C-3,EUR,,,Plate,1,4,,
            C-1,USD,,,Spoon,1,1,,
            """);

        var result = await Cli.RunAsync("validate", file, "--csv");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(Row(result.Out, "3", "Lines[1].UnitPrice"), Does.Contain("has more decimals than USD allows"), "the second row of C-1 is line 3");
            Assert.That(Row(result.Out, "4", "Lines[0].Quantity"), Does.Contain("'one' is not a whole number"));
            Assert.That(Row(result.Out, "5", "Tax"), Does.Contain("'abc' is not a number"));
            Assert.That(Row(result.Out, "6", "Currency"), Does.Contain("differs from the order's first row (line 5)"));
            Assert.That(Row(result.Out, "7", "OrderId"), Does.Contain("'C-1' is already on line 2").And.Contain("rows of one order must be next to each other"));
            Assert.That(result.Out, Does.EndWith("4 of 4 purchases in orders.txt are invalid.\n"), "C-1 (two rows, a context) is one purchase");
        });
    }

    [Test]
    public async Task A_CSV_with_an_unknown_column_or_no_file_is_one_error_line_and_exit_3()
    {
        var unknown = await Cli.RunAsync("validate", Cli.Write("x.csv", "order_id,currency,product_name,unit_price,colour\nA,USD,Cup,1,red\n"));
        var missing = await Cli.RunAsync("validate", "nothing-here.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(unknown.ExitCode, Is.EqualTo(3));
            Assert.That(unknown.Error, Does.StartWith("error: x.csv:1: unknown column 'colour'").And.EndWith(".\n"));
            Assert.That(unknown.Error.TrimEnd('\n'), Does.Not.Contain('\n'), "one line");
            Assert.That(missing.ExitCode, Is.EqualTo(3));
            Assert.That(missing.Error, Does.StartWith("error: Cannot read nothing-here.jsonl"));
        });
    }

    /// <summary>The table row for a line and field.</summary>
    private static string Row(string output, string line, string field) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith($"| {line} ", StringComparison.Ordinal) && l.Contains($"| {field} ", StringComparison.Ordinal))
        ?? $"(no row for line {line}, field {field})";
}
