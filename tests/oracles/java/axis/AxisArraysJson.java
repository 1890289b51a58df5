import java.util.ArrayList;
import java.util.List;

/**
 * The arrays of the corpus's axis_arrays.wsdl as JSON, for the Rust test to check what Axis
 * decoded: a {@code byte[]} and an {@code int[]} as arrays of numbers, a {@code String[]} as
 * strings, a {@code Point} as {@code {"label", "x"}}; arrays of arrays nested; null as
 * {@code null}.
 */
final class AxisArraysJson {
    private AxisArraysJson() {}

    static String bytes(byte[] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (byte value : values) {
            json.add(Byte.toString(value));
        }
        return "[" + String.join(",", json) + "]";
    }

    static String byteArrays(byte[][] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (byte[] value : values) {
            json.add(bytes(value));
        }
        return "[" + String.join(",", json) + "]";
    }

    static String ints(int[] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (int value : values) {
            json.add(Integer.toString(value));
        }
        return "[" + String.join(",", json) + "]";
    }

    static String intGrid(int[][] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (int[] value : values) {
            json.add(ints(value));
        }
        return "[" + String.join(",", json) + "]";
    }

    static String stringGrid(String[][] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (String[] value : values) {
            json.add(AxisJson.strings(value));
        }
        return "[" + String.join(",", json) + "]";
    }

    static String points(AxisPoint[] values) {
        if (values == null) {
            return "null";
        }
        List<String> json = new ArrayList<>();
        for (AxisPoint point : values) {
            json.add(point == null ? "null"
                    : "{\"label\":" + AxisJson.string(point.getLabel()) + ",\"x\":" + point.getX() + "}");
        }
        return "[" + String.join(",", json) + "]";
    }
}
