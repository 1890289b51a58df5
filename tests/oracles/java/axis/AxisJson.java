import java.util.ArrayList;
import java.util.List;

/**
 * What Axis decoded, as JSON for the Rust test to check (the JAX-WS programs' {@code Json}
 * needs JAXB, which Axis's class path has not): strings, arrays of them, and the {@code Item}
 * bean. Every character past ASCII is escaped, so the output does not depend on the JVM's
 * charset.
 */
final class AxisJson {
    private AxisJson() {}

    /** An {@code Item} as {@code {"name", "qty", "note"}}, a null note as {@code null}. */
    static String item(StoreItem item) {
        if (item == null) {
            return "null";
        }
        return "{\"name\":" + string(item.getName()) + ",\"qty\":" + item.getQty()
                + ",\"note\":" + string(item.getNote()) + "}";
    }

    /** An array of strings; null as {@code null}. */
    static String strings(String[] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (String value : values) {
            json.add(string(value));
        }
        return "[" + String.join(",", json) + "]";
    }

    /** A JSON string; null as {@code null}. */
    static String string(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
