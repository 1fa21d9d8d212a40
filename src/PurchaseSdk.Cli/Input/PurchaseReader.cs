using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PurchaseSdk.Cli.Input;

/// <summary>
/// Reads purchase files (JSON, JSON Lines, CSV) into purchases, checking each with <see cref="PurchaseValidator"/> and
/// reporting every problem with its line number and field path. Order ids must be unique within a file.
/// </summary>
internal sealed partial class PurchaseReader
{
    private static readonly string[] KnownColumns =
    [
        "order_id", "occurred_at", "currency", "customer_email", "customer_name", "customer_id", "status", "source", "store",
        "permalink", "tax", "shipping", "discount", "subtotal", "total", "contexts",
        "product_name", "sku", "product_id", "line_id", "quantity", "unit_price", "size", "brand", "color",
    ];

    private static readonly string[] OrderColumns =
    [
        "occurred_at", "currency", "customer_email", "customer_name", "customer_id", "status", "source", "store", "permalink",
        "tax", "shipping", "discount", "subtotal", "total", "contexts",
    ];

    private readonly ContextCatalog _contexts;

    public PurchaseReader(ContextCatalog contexts) => _contexts = contexts;

    public static PurchaseFormat Detect(string path, bool csv)
    {
        if (csv)
        {
            return PurchaseFormat.Csv;
        }

        var extension = Path.GetExtension(path).ToUpperInvariant();
        return path == "-" || extension == ".JSON" ? PurchaseFormat.Json
            : extension == ".CSV" ? PurchaseFormat.Csv
            : PurchaseFormat.JsonLines;
    }

    /// <summary>Reads every purchase of <paramref name="path"/>.</summary>
    /// <exception cref="CliException">The file cannot be read, or a CSV file's layout is wrong (exit code 3).</exception>
    public async Task<IReadOnlyList<PurchaseRecord>> ReadAsync(string path, PurchaseFormat format, CliContext context, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = path == "-"
                ? await context.In.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(context.FullPath(path), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException(ExitCodes.InvalidInput, $"Cannot read {path}: {exception.Message}");
        }

        var records = format switch
        {
            PurchaseFormat.Json => [FromJson(path, 1, text, multiLine: true)],
            PurchaseFormat.Csv => FromCsv(path, text),
            _ => FromJsonLines(path, text),
        };
        return MarkDuplicates(records, format == PurchaseFormat.Csv);
    }

    /// <summary>Reads exactly one purchase (preview, send).</summary>
    public async Task<PurchaseRecord> ReadOneAsync(string path, PurchaseFormat format, CliContext context, CancellationToken cancellationToken)
    {
        var records = await ReadAsync(path, format, context, cancellationToken);
        return records.Count switch
        {
            1 => records[0],
            0 => throw new CliException(ExitCodes.InvalidInput, $"{path} holds no purchase."),
            _ => throw new CliException(ExitCodes.InvalidInput, $"{path} holds {records.Count} purchases; this command takes one (use backfill for many)."),
        };
    }

    private List<PurchaseRecord> FromJsonLines(string source, string text)
    {
        var records = new List<PurchaseRecord>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Trim().Length > 0)
            {
                records.Add(FromJson(source, i + 1, line, multiLine: false));
            }
        }

        return records;
    }

    private PurchaseRecord FromJson(string source, int line, string json, bool multiLine)
    {
        PurchaseDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PurchaseDocumentJsonContext.Default.PurchaseDocument);
        }
        catch (JsonException exception)
        {
            var at = multiLine ? JsonProblems.Line(exception, line) : line;
            return new PurchaseRecord(source, line, PeekOrderId(json), null, [new InputProblem(at, JsonProblems.FieldPath(exception.Path), JsonProblems.Describe(exception))]);
        }

        if (document is null)
        {
            return new PurchaseRecord(source, line, null, null, [new InputProblem(line, string.Empty, "is null; expected a purchase object.")]);
        }

        return Build(source, line, document, [], _ => line);
    }

    private List<PurchaseRecord> FromCsv(string source, string text)
    {
        List<(int Line, string[] Fields)> rows;
        try
        {
            rows = CsvParser.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{source}: {exception.Message}");
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var header = rows[0].Fields.Select(static f => f.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            var known = KnownColumns.Contains(name) || (name.StartsWith("property:", StringComparison.Ordinal) && name.Length > 9)
                || (name.StartsWith("line_property:", StringComparison.Ordinal) && name.Length > 14);
            if (!known)
            {
                throw new CliException(ExitCodes.InvalidInput, $"{source}:{rows[0].Line}: unknown column '{rows[0].Fields[i].Trim()}'; the columns are {string.Join(", ", KnownColumns)}, property:NAME and line_property:NAME (see the README's CSV layout).");
            }

            if (!columns.TryAdd(name, i))
            {
                throw new CliException(ExitCodes.InvalidInput, $"{source}:{rows[0].Line}: the column '{name}' appears twice.");
            }
        }

        foreach (var required in (string[])["order_id", "currency", "product_name", "unit_price"])
        {
            if (!columns.ContainsKey(required))
            {
                throw new CliException(ExitCodes.InvalidInput, $"{source}:{rows[0].Line}: the header has no '{required}' column (required: order_id, currency, product_name, unit_price).");
            }
        }

        var records = new List<PurchaseRecord>();
        var start = 1;
        while (start < rows.Count)
        {
            var orderId = Cell(rows[start].Fields, columns, "order_id");
            var end = start + 1;
            while (end < rows.Count && Cell(rows[end].Fields, columns, "order_id") == orderId)
            {
                end++;
            }

            records.Add(FromCsvOrder(source, rows.GetRange(start, end - start), columns));
            start = end;
        }

        return records;
    }

    private PurchaseRecord FromCsvOrder(string source, List<(int Line, string[] Fields)> rows, Dictionary<string, int> columns)
    {
        var problems = new List<InputProblem>();
        var first = rows[0];
        string? Get(string column) => Cell(first.Fields, columns, column) is { Length: > 0 } value ? value : null;

        // Order-level cells may be repeated on every row of the order, or left empty after the first; they may not differ.
        foreach (var (line, fields) in rows.Skip(1))
        {
            foreach (var column in OrderColumns)
            {
                var value = Cell(fields, columns, column);
                if (value.Length > 0 && value != Cell(first.Fields, columns, column))
                {
                    problems.Add(new InputProblem(line, ColumnPath(column), $"differs from the order's first row (line {first.Line}); order-level columns must match or be left empty."));
                }
            }
        }

        var document = new PurchaseDocument
        {
            OrderId = Get("order_id"),
            OccurredAt = Get("occurred_at"),
            Currency = Get("currency"),
            Customer = Get("customer_email") is null && Get("customer_name") is null && Get("customer_id") is null
                ? null
                : new CustomerDocument { Email = Get("customer_email"), Name = Get("customer_name"), Id = Get("customer_id") },
            Status = Get("status"),
            Source = Get("source"),
            Store = Get("store"),
            Permalink = Get("permalink"),
            Tax = Number(Get("tax"), "Tax", first.Line, problems),
            Shipping = Number(Get("shipping"), "Shipping", first.Line, problems),
            Discount = Number(Get("discount"), "Discount", first.Line, problems),
            Subtotal = Number(Get("subtotal"), "Subtotal", first.Line, problems),
            Total = Number(Get("total"), "Total", first.Line, problems),
            Properties = Properties(first.Fields, columns, "property:"),
            Lines = [],
        };

        if (Get("contexts") is { } contexts)
        {
            try
            {
                document.Contexts = JsonSerializer.Deserialize(contexts, ContextsJsonContext.Default.DictionaryStringJsonElement);
            }
            catch (JsonException exception)
            {
                problems.Add(new InputProblem(first.Line, "Contexts", "is not a JSON object of contexts by name: " + JsonProblems.Describe(exception)));
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var (line, fields) = rows[i];
            string? Line(string column) => Cell(fields, columns, column) is { Length: > 0 } value ? value : null;
            var path = string.Create(CultureInfo.InvariantCulture, $"Lines[{i}]");
            int? quantity = null;
            if (Line("quantity") is { } q)
            {
                if (int.TryParse(q, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
                {
                    quantity = parsed;
                }
                else
                {
                    problems.Add(new InputProblem(line, path + ".Quantity", $"'{q}' is not a whole number."));
                }
            }

            document.Lines.Add(new LineDocument
            {
                Name = Line("product_name"),
                Sku = Line("sku"),
                ProductId = Line("product_id"),
                LineId = Line("line_id"),
                Quantity = quantity,
                UnitPrice = Number(Line("unit_price"), path + ".UnitPrice", line, problems),
                Size = Line("size"),
                Brand = Line("brand"),
                Color = Line("color"),
                Properties = Properties(fields, columns, "line_property:"),
            });
        }

        return Build(source, first.Line, document, problems, i => i < rows.Count ? rows[i].Line : first.Line);
    }

    /// <summary>Builds the purchase and validates it; <paramref name="lineOf"/> gives the line of the purchase's line <c>i</c>.</summary>
    private PurchaseRecord Build(string source, int line, PurchaseDocument document, List<InputProblem> problems, Func<int, int> lineOf)
    {
        DateTimeOffset? occurredAt = null;
        if (document.OccurredAt is { } text)
        {
            if (!OffsetPattern().IsMatch(text.Trim())
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                problems.Add(new InputProblem(line, "OccurredAt", $"'{text}' is not an ISO 8601 time with an offset (for example 2026-11-29T12:00:00Z or 2026-11-29T13:00:00+01:00)."));
            }
            else
            {
                occurredAt = parsed;
            }
        }

        var lines = new List<PurchaseLine>();
        var documentLines = document.Lines ?? [];
        for (var i = 0; i < documentLines.Count; i++)
        {
            var l = documentLines[i];
            if (l is null)
            {
                lines.Add(null!); // the validator reports it, with its path
                continue;
            }

            if (l.UnitPrice is null)
            {
                problems.Add(new InputProblem(lineOf(i), string.Create(CultureInfo.InvariantCulture, $"Lines[{i}].UnitPrice"), "is required (the price of one unit, in major units)."));
            }

            lines.Add(new PurchaseLine
            {
                Name = l.Name ?? string.Empty,
                Sku = l.Sku,
                ProductId = l.ProductId,
                LineId = l.LineId,
                Quantity = l.Quantity ?? 1,
                UnitPrice = l.UnitPrice ?? 0m,
                Size = l.Size,
                Brand = l.Brand,
                Color = l.Color,
                Properties = l.Properties ?? [],
            });
        }

        var purchase = Create(document, occurredAt, lines);
        foreach (var (name, value) in document.Contexts ?? [])
        {
            var context = _contexts.Read(name, value, out var path, out var problem);
            if (problem is not null)
            {
                problems.Add(new InputProblem(line, "Contexts." + name + (string.IsNullOrEmpty(path) ? string.Empty : "." + path), problem));
            }
            else if (context is not null)
            {
                purchase.Contexts.Add(context);
            }
        }

        foreach (var error in PurchaseValidator.Validate(purchase))
        {
            var at = LineIndex().Match(error.Path) is { Success: true } match
                ? lineOf(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture))
                : line;
            problems.Add(new InputProblem(at, error.Path, error.Message));
        }

        return new PurchaseRecord(source, line, document.OrderId, purchase, problems);
    }

    private static Purchase Create(PurchaseDocument d, DateTimeOffset? occurredAt, List<PurchaseLine> lines)
    {
        // Subtotal and Total are computed unless given: set only the ones the file gives.
        var customer = d.Customer is { } c ? new Customer { Email = c.Email, Id = c.Id, Name = c.Name } : null;
        var properties = d.Properties ?? [];
        return (d.Subtotal, d.Total) switch
        {
            ({ } subtotal, { } total) => new Purchase
            {
                OrderId = d.OrderId ?? string.Empty, Currency = d.Currency ?? string.Empty, Customer = customer, Lines = lines,
                Tax = d.Tax ?? 0, Shipping = d.Shipping ?? 0, Discount = d.Discount ?? 0, OccurredAt = occurredAt, Status = d.Status,
                Source = d.Source, Store = d.Store, Permalink = d.Permalink, Properties = properties, Subtotal = subtotal, Total = total,
            },
            ({ } subtotal, null) => new Purchase
            {
                OrderId = d.OrderId ?? string.Empty, Currency = d.Currency ?? string.Empty, Customer = customer, Lines = lines,
                Tax = d.Tax ?? 0, Shipping = d.Shipping ?? 0, Discount = d.Discount ?? 0, OccurredAt = occurredAt, Status = d.Status,
                Source = d.Source, Store = d.Store, Permalink = d.Permalink, Properties = properties, Subtotal = subtotal,
            },
            (null, { } total) => new Purchase
            {
                OrderId = d.OrderId ?? string.Empty, Currency = d.Currency ?? string.Empty, Customer = customer, Lines = lines,
                Tax = d.Tax ?? 0, Shipping = d.Shipping ?? 0, Discount = d.Discount ?? 0, OccurredAt = occurredAt, Status = d.Status,
                Source = d.Source, Store = d.Store, Permalink = d.Permalink, Properties = properties, Total = total,
            },
            _ => new Purchase
            {
                OrderId = d.OrderId ?? string.Empty, Currency = d.Currency ?? string.Empty, Customer = customer, Lines = lines,
                Tax = d.Tax ?? 0, Shipping = d.Shipping ?? 0, Discount = d.Discount ?? 0, OccurredAt = occurredAt, Status = d.Status,
                Source = d.Source, Store = d.Store, Permalink = d.Permalink, Properties = properties,
            },
        };
    }

    private static List<PurchaseRecord> MarkDuplicates(List<PurchaseRecord> records, bool csv)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (string.IsNullOrEmpty(record.OrderId))
            {
                continue;
            }

            if (seen.TryGetValue(record.OrderId, out var firstLine))
            {
                var message = $"'{record.OrderId}' is already on line {firstLine}; an order id may appear once (the delivery store keeps only the first)"
                    + (csv ? "; the rows of one order must be next to each other." : ".");
                records[i] = record with { Problems = [.. record.Problems, new InputProblem(record.Line, "OrderId", message)] };
            }
            else
            {
                seen.Add(record.OrderId, record.Line);
            }
        }

        return records;
    }

    private static string Cell(string[] fields, Dictionary<string, int> columns, string column) =>
        columns.TryGetValue(column, out var index) && index < fields.Length ? fields[index].Trim() : string.Empty;

    private static Dictionary<string, string>? Properties(string[] fields, Dictionary<string, int> columns, string prefix)
    {
        Dictionary<string, string>? properties = null;
        foreach (var (name, index) in columns)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && index < fields.Length && fields[index].Trim().Length > 0)
            {
                (properties ??= new(StringComparer.Ordinal))[name[prefix.Length..]] = fields[index].Trim();
            }
        }

        return properties;
    }

    private static decimal? Number(string? text, string path, int line, List<InputProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(new InputProblem(line, path, $"'{text}' is not a number (major units with a '.' decimal point, for example 15.50)."));
        return null;
    }

    private static string ColumnPath(string column) => column switch
    {
        "occurred_at" => "OccurredAt",
        "customer_email" => "Customer.Email",
        "customer_name" => "Customer.Name",
        "customer_id" => "Customer.Id",
        _ => char.ToUpperInvariant(column[0]) + column[1..],
    };

    private static string? PeekOrderId(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("orderId") || string.Equals(property.Name, "orderid", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not even JSON: no order id to show.
        }

        return null;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^Lines\[(\d+)\]")]
    private static partial Regex LineIndex();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ContextsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
