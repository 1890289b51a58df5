// The JSON the Mono programs print for the Rust tests to read (Mono's class library has no
// JSON writer that every profile carries): strings, numbers, booleans, null, arrays, objects.
using System.Collections;
using System.Globalization;
using System.Text;

public static class Json
{
    /// <summary>An object of name/value pairs given in turn: Object("a", 1, "b", "x").</summary>
    public static Raw Object(params object[] pairs)
    {
        var json = new StringBuilder("{");
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            if (i > 0) json.Append(',');
            json.Append(Value(pairs[i])).Append(':').Append(Value(pairs[i + 1]));
        }
        return new Raw(json.Append('}').ToString());
    }

    /// <summary>A value as JSON (an IEnumerable as an array, Raw as it is).</summary>
    public static string Value(object value)
    {
        if (value == null) return "null";
        if (value is Raw) return ((Raw)value).Text;
        if (value is string) return Quote((string)value);
        if (value is bool) return (bool)value ? "true" : "false";
        if (value is int || value is long) return System.Convert.ToString(value, CultureInfo.InvariantCulture);
        if (value is IEnumerable)
        {
            var json = new StringBuilder("[");
            bool first = true;
            foreach (object item in (IEnumerable)value)
            {
                if (!first) json.Append(',');
                json.Append(Value(item));
                first = false;
            }
            return json.Append(']').ToString();
        }
        return Quote(System.Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    /// <summary>JSON text made already (by Object), kept as is inside another value.</summary>
    public sealed class Raw
    {
        public readonly string Text;
        public Raw(string text) { Text = text; }
        public override string ToString() { return Text; }
    }

    static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\') json.Append('\\').Append(c);
            else if (c < ' ') json.AppendFormat("\\u{0:x4}", (int)c);
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }
}
