// The JSON the Mono programs print for the Rust tests to read (Mono's class library has no
// JSON writer that every profile carries): strings, numbers, booleans, null, arrays, objects.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml.Serialization;

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
        if (value is int || value is long) return Convert.ToString(value, CultureInfo.InvariantCulture);
        if (value is byte[]) return Quote(Convert.ToBase64String((byte[])value));
        if (value is DateTime) return Quote(((DateTime)value).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        if (value is Enum) return Value(EnumValue((Enum)value));
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
        if (value.GetType().IsClass && value.GetType().Namespace != "System") return Reflect(value).Text;
        return Quote(Convert.ToString(value, CultureInfo.InvariantCulture));
    }

    /// <summary>An object of a proxy's class (XmlSerializer's shape) as JSON, one member per
    /// public property or field of its own (not SoapHeader's): a value type left unset by its
    /// XSpecified as null, an array the schema wraps (XmlArray) as {item name: [...]}.</summary>
    public static Raw Reflect(object value)
    {
        var pairs = new List<object>();
        Type type = value.GetType();
        var members = new List<MemberInfo>(type.GetProperties(BindingFlags.Public | BindingFlags.Instance));
        members.AddRange(type.GetFields(BindingFlags.Public | BindingFlags.Instance));
        foreach (MemberInfo property in members)
        {
            if (property.DeclaringType.Namespace == "System.Web.Services.Protocols") continue;
            if (property.IsDefined(typeof(XmlIgnoreAttribute), true)) continue;
            object member = property is PropertyInfo
                ? ((PropertyInfo)property).GetValue(value, null) : ((FieldInfo)property).GetValue(value);
            PropertyInfo specified = type.GetProperty(property.Name + "Specified");
            if (specified != null && !(bool)specified.GetValue(value, null)) member = null;
            if (member is Array && !(member is byte[]) && !property.IsDefined(typeof(XmlElementAttribute), true)
                && !property.IsDefined(typeof(XmlTextAttribute), true))
            {
                var item = (XmlArrayItemAttribute)Attribute.GetCustomAttribute(property, typeof(XmlArrayItemAttribute));
                string name = item != null && !string.IsNullOrEmpty(item.ElementName)
                    ? item.ElementName : member.GetType().GetElementType().Name;
                member = Object(name, member);
            }
            pairs.Add(property.Name);
            pairs.Add(member);
        }
        return Object(pairs.ToArray());
    }

    /// <summary>An enumeration's XML name (XmlEnum's, or the member's); a [Flags] one, an
    /// xs:list, as an array of them.</summary>
    static object EnumValue(Enum value)
    {
        Type type = value.GetType();
        if (!type.IsDefined(typeof(FlagsAttribute), false)) return EnumName(type, value.ToString());
        var names = new List<string>();
        foreach (Enum flag in Enum.GetValues(type))
        {
            if (Convert.ToInt64(flag) != 0 && value.HasFlag(flag)) names.Add(EnumName(type, flag.ToString()));
        }
        return names;
    }

    static string EnumName(Type type, string member)
    {
        var xml = (XmlEnumAttribute)Attribute.GetCustomAttribute(type.GetField(member), typeof(XmlEnumAttribute));
        return xml != null && xml.Name != null ? xml.Name : member;
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
