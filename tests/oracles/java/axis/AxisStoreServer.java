import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.rpc.holders.Holder;

import org.apache.axis.AxisFault;
import org.apache.axis.Constants;

/**
 * An Apache Axis 1 service of the corpus's rpc.wsdl binding {@code StoreEncoded} (rpc/encoded,
 * as legacy Axis services are), under Axis's own HTTP server ({@code SimpleAxisServer}) on
 * 127.0.0.1 at {@code /axis/services/StoreEncodedPort}, configured by the WSDD file given as
 * the only argument. It prints {@code {"port": N}} first, then each request as it decoded it,
 * one JSON line each ({@code {"op", ...}}), and ends when its standard input closes. Its
 * answers are computed from what it decoded; {@code lookup} of a negative id throws a
 * {@code Client} fault. The Rust test (tests/corpus/tests/oracle_axis.rs) checks both sides.
 */
public final class AxisStoreServer {
    private AxisStoreServer() {}

    /** The service class Axis's RPC provider calls (the WSDD's {@code className}). */
    public static final class Store {
        /** {@code addItems}: the total quantity, and each name prefixed by the label. */
        public int addItems(String label, StoreItem[] items, StringArrayHolder names) {
            List<String> decoded = new ArrayList<>();
            int total = 0;
            names.value = new String[items == null ? 0 : items.length];
            for (int i = 0; i < names.value.length; i++) {
                decoded.add(AxisJson.item(items[i]));
                total += items[i].getQty();
                names.value[i] = label + ":" + items[i].getName();
            }
            report("{\"op\":\"addItems\",\"label\":" + AxisJson.string(label) + ",\"items\":"
                    + (items == null ? "null" : "[" + String.join(",", decoded) + "]") + "}");
            return total;
        }

        /** {@code lookup}: an item made of the id, or a fault for a negative one. */
        public StoreItem lookup(int id) throws AxisFault {
            report("{\"op\":\"lookup\",\"id\":" + id + "}");
            if (id < 0) {
                throw new AxisFault(new QName(Constants.URI_SOAP11_ENV, "Client"),
                        "no item " + id + " <&>", null, null);
            }
            return new StoreItem("item " + id + " <&>", id * 2, "\u00fcn\u00efcode");
        }
    }

    /** The holder of the {@code names} output part (JAX-RPC has none for a String[]). */
    public static final class StringArrayHolder implements Holder {
        public String[] value;

        public StringArrayHolder() {}
    }

    private static synchronized void report(String json) {
        System.out.println(json);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        AxisServing.serveUntilInputCloses(args[0]);
    }
}
