using System.Text;

namespace PurchaseSdk.Cli.Input;

/// <summary>RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, quotes (doubled) and line breaks.</summary>
internal static class CsvParser
{
    /// <summary>The non-blank rows of <paramref name="text"/>, each with the 1-based line it starts on.</summary>
    /// <exception cref="FormatException">A quoted field is not closed; the message names its line.</exception>
    public static List<(int Line, string[] Fields)> Parse(string text)
    {
        var rows = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var quoteOpenedOn = 0;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    quoteOpenedOn = line;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"line {quoteOpenedOn}: a quoted field is not closed.");
        }

        EndRow();
        return rows;

        void EndRow()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (fields.Count > 1 || fields[0].Trim().Length > 0)
            {
                rows.Add((rowLine, [.. fields]));
            }

            fields.Clear();
        }
    }
}
