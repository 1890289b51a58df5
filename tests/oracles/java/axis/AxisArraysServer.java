/**
 * An Apache Axis 1 echo service of the corpus's axis_arrays.wsdl (rpc/encoded, the arrays Axis
 * describes for a Java {@code byte[]}, {@code byte[][]}, {@code String[][]}, {@code int[][]} and
 * bean array), under Axis's {@code SimpleAxisServer} on 127.0.0.1 at
 * {@code /axis/services/Arrays}, and at {@code /axis/services/Arrays11} under Axis's type
 * mapping 1.1, configured by the WSDD file given as the only argument
 * ({@code arrays-server.wsdd}, whose type mappings are those Axis's WSDL2Java writes for that
 * WSDL). It prints {@code {"port": N}} first, then each request as it decoded it, one JSON line
 * each ({@code {"op", "value"}}), answers with the value it decoded, and ends when its standard
 * input closes. The Rust test (tests/corpus/tests/oracle_axis_arrays.rs) checks both sides.
 */
public final class AxisArraysServer {
    private AxisArraysServer() {}

    /** The service class Axis's RPC provider calls (the WSDD's {@code className}). */
    public static final class Arrays {
        public byte[] echoBytes(byte[] b) {
            report("echoBytes", AxisArraysJson.bytes(b));
            return b;
        }

        public byte[][] echoByteArrays(byte[][] b) {
            report("echoByteArrays", AxisArraysJson.byteArrays(b));
            return b;
        }

        public String[][] echoStringGrid(String[][] s) {
            report("echoStringGrid", AxisArraysJson.stringGrid(s));
            return s;
        }

        public int[][] echoIntGrid(int[][] s) {
            report("echoIntGrid", AxisArraysJson.intGrid(s));
            return s;
        }

        public AxisPoint[] echoPoints(AxisPoint[] p) {
            report("echoPoints", AxisArraysJson.points(p));
            return p;
        }
    }

    private static synchronized void report(String op, String value) {
        System.out.println("{\"op\":\"" + op + "\",\"value\":" + value + "}");
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        AxisServing.serveUntilInputCloses(args[0]);
    }
}
