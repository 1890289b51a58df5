import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.rpc.ParameterMode;

import org.apache.axis.AxisFault;
import org.apache.axis.client.Call;
import org.apache.axis.client.Service;
import org.apache.axis.encoding.XMLType;
import org.apache.axis.encoding.ser.ArrayDeserializerFactory;
import org.apache.axis.encoding.ser.ArraySerializerFactory;
import org.apache.axis.encoding.ser.BeanDeserializerFactory;
import org.apache.axis.encoding.ser.BeanSerializerFactory;

/**
 * Apache Axis 1's dynamic client ({@code Service}/{@code Call}, rpc/encoded, as legacy
 * clients call) of the corpus's rpc.wsdl binding {@code StoreEncoded}, calling the endpoint
 * given as the only argument: {@code addItems} with a SOAP-encoded array of {@code Item}
 * structs (which Axis writes as multi-reference values, {@code href="#id0"} pointing at
 * {@code multiRef} elements after the operation's wrapper, a null {@code note} as
 * {@code xsi:nil}), {@code lookup}, and a {@code lookup} our server answers with a fault. What
 * Axis decoded of each answer is printed as one JSON array, an item per call: {@code {"result":
 * ...}} or {@code {"fault": {"code", "string"}}}. The Rust test
 * (tests/corpus/tests/oracle_axis.rs) checks both sides.
 */
public final class AxisStoreClient {
    private AxisStoreClient() {}

    /** The operations' namespace (the binding's {@code soap:body namespace}). */
    private static final String OPS = "urn:example:rpc:ops";
    /** The schema's namespace. */
    private static final String TYPES = "urn:example:rpc";
    private static final QName ITEM = new QName(TYPES, "Item");
    private static final QName ITEM_ARRAY = new QName(TYPES, "ItemArray");
    private static final QName STRING_ARRAY = new QName(TYPES, "StringArray");

    public static void main(String[] args) throws Exception {
        URL endpoint = new URL(args[0]);
        Service service = new Service();
        List<String> results = new ArrayList<>();

        Call addItems = call(service, endpoint, "addItems");
        addItems.addParameter("label", XMLType.XSD_STRING, ParameterMode.IN);
        addItems.addParameter("items", ITEM_ARRAY, StoreItem[].class, ParameterMode.IN);
        addItems.addParameter("names", STRING_ARRAY, String[].class, ParameterMode.OUT);
        addItems.setReturnType(XMLType.XSD_INT, Integer.class);
        addItems.setReturnQName(new QName("", "total"));
        StoreItem[] items = {
            new StoreItem("\u00e4", 2, "first"), new StoreItem("b<", 3, null),
        };
        Object total = addItems.invoke(new Object[] {"box & <lid>", items});
        Map<?, ?> outputs = addItems.getOutputParams();
        String[] names = (String[]) outputs.get(new QName("", "names"));
        results.add("{\"result\":{\"total\":" + total + ",\"names\":"
                + AxisJson.strings(names) + "}}");

        for (int id : new int[] {7, -1}) {
            Call lookup = call(service, endpoint, "lookup");
            lookup.addParameter("id", XMLType.XSD_INT, ParameterMode.IN);
            lookup.setReturnType(ITEM, StoreItem.class);
            try {
                StoreItem item = (StoreItem) lookup.invoke(new Object[] {id});
                results.add("{\"result\":" + AxisJson.item(item) + "}");
            } catch (AxisFault fault) {
                results.add("{\"fault\":{\"code\":" + AxisJson.string(fault.getFaultCode().toString())
                        + ",\"string\":" + AxisJson.string(fault.getFaultString()) + "}}");
            }
        }
        System.out.println("[" + String.join(",\n", results) + "]");
    }

    /** A call of {@code operation} with the {@code Item} bean and array types registered. */
    private static Call call(Service service, URL endpoint, String operation) throws Exception {
        Call call = (Call) service.createCall();
        call.setTargetEndpointAddress(endpoint);
        call.setOperationName(new QName(OPS, operation));
        call.setSOAPActionURI("urn:example:rpc#" + operation);
        call.registerTypeMapping(StoreItem.class, ITEM,
                new BeanSerializerFactory(StoreItem.class, ITEM),
                new BeanDeserializerFactory(StoreItem.class, ITEM));
        call.registerTypeMapping(StoreItem[].class, ITEM_ARRAY,
                new ArraySerializerFactory(ITEM, null), new ArrayDeserializerFactory(ITEM));
        call.registerTypeMapping(String[].class, STRING_ARRAY,
                new ArraySerializerFactory(XMLType.XSD_STRING, null),
                new ArrayDeserializerFactory(XMLType.XSD_STRING));
        return call;
    }
}
