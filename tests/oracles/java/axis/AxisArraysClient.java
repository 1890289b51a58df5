import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.rpc.ParameterMode;

import org.apache.axis.client.Call;
import org.apache.axis.client.Service;
import org.apache.axis.encoding.XMLType;
import org.apache.axis.encoding.ser.ArrayDeserializerFactory;
import org.apache.axis.encoding.ser.ArraySerializerFactory;
import org.apache.axis.encoding.ser.BeanDeserializerFactory;
import org.apache.axis.encoding.ser.BeanSerializerFactory;

/**
 * Apache Axis 1's client of the corpus's axis_arrays.wsdl, calling the endpoint given as the
 * only argument: each echo operation with a {@code byte[]}, a {@code byte[][]}, a
 * {@code String[][]}, an {@code int[][]} and a {@code Point[]}, through Axis's {@code Call} with
 * the type mappings Axis's WSDL2Java writes into a stub for that WSDL (an array of
 * {@code byte[]} serialized with {@code xsd:byte} items, as Java2WSDL's {@code xsd:byte[][]}
 * says). What Axis decoded of each answer is printed as one JSON object, a member per
 * operation. The Rust test (tests/corpus/tests/oracle_axis_arrays.rs) checks both sides.
 */
public final class AxisArraysClient {
    private AxisArraysClient() {}

    /** The schema's and the operations' namespace. */
    private static final String NS = "urn:example:axis-arrays";
    private static final QName POINT = new QName(NS, "Point");
    private static final QName POINTS = new QName(NS, "ArrayOfPoint");
    private static final QName BYTE_ARRAYS = new QName(NS, "ArrayOf_soapenc_base64Binary");
    private static final QName STRING_GRID = new QName(NS, "ArrayOfArrayOf_soapenc_string");
    private static final QName INT_GRID = new QName(NS, "ArrayOfArrayOf_xsd_int");

    public static void main(String[] args) throws Exception {
        URL endpoint = new URL(args[0]);
        Service service = new Service();
        List<String> results = new ArrayList<>();

        byte[] bytes = {0, 1, -1, 127, -128};
        byte[] echoedBytes = (byte[]) call(service, endpoint, "echoBytes", "b",
                XMLType.SOAP_BASE64BINARY, byte[].class).invoke(new Object[] {bytes});
        results.add("\"echoBytes\":" + AxisArraysJson.bytes(echoedBytes));

        byte[][] byteArrays = {{0, 1, -1}, {}, {-128, 127}};
        byte[][] echoedByteArrays = (byte[][]) call(service, endpoint, "echoByteArrays", "b",
                BYTE_ARRAYS, byte[][].class).invoke(new Object[] {byteArrays});
        results.add("\"echoByteArrays\":" + AxisArraysJson.byteArrays(echoedByteArrays));

        String[][] strings = {{"a", "b <&>"}, {}, {"\u00fc"}};
        String[][] echoedStrings = (String[][]) call(service, endpoint, "echoStringGrid", "s",
                STRING_GRID, String[][].class).invoke(new Object[] {strings});
        results.add("\"echoStringGrid\":" + AxisArraysJson.stringGrid(echoedStrings));

        int[][] ints = {{1, -2}, {}, {Integer.MAX_VALUE}};
        int[][] echoedInts = (int[][]) call(service, endpoint, "echoIntGrid", "s", INT_GRID,
                int[][].class).invoke(new Object[] {ints});
        results.add("\"echoIntGrid\":" + AxisArraysJson.intGrid(echoedInts));

        AxisPoint[] points = {new AxisPoint("p \u00fc", 1), new AxisPoint(null, -2)};
        AxisPoint[] echoedPoints = (AxisPoint[]) call(service, endpoint, "echoPoints", "p",
                POINTS, AxisPoint[].class).invoke(new Object[] {points});
        results.add("\"echoPoints\":" + AxisArraysJson.points(echoedPoints));

        System.out.println("{" + String.join(",\n", results) + "}");
    }

    /**
     * A call of {@code operation} taking one part {@code part} of {@code type} and answering
     * {@code operationReturn} of the same type, with the WSDL's types registered.
     */
    private static Call call(Service service, URL endpoint, String operation, String part,
            QName type, Class<?> javaType) throws Exception {
        Call call = (Call) service.createCall();
        call.setTargetEndpointAddress(endpoint);
        call.setOperationName(new QName(NS, operation));
        call.setSOAPActionURI("");
        call.registerTypeMapping(AxisPoint.class, POINT,
                new BeanSerializerFactory(AxisPoint.class, POINT),
                new BeanDeserializerFactory(AxisPoint.class, POINT));
        call.registerTypeMapping(AxisPoint[].class, POINTS,
                new ArraySerializerFactory(POINT, null), new ArrayDeserializerFactory());
        call.registerTypeMapping(byte[][].class, BYTE_ARRAYS,
                new ArraySerializerFactory(XMLType.XSD_BYTE, null), new ArrayDeserializerFactory());
        call.registerTypeMapping(String[][].class, STRING_GRID,
                new ArraySerializerFactory(XMLType.SOAP_STRING, null),
                new ArrayDeserializerFactory());
        call.registerTypeMapping(int[][].class, INT_GRID,
                new ArraySerializerFactory(XMLType.XSD_INT, null), new ArrayDeserializerFactory());
        call.addParameter(part, type, javaType, ParameterMode.IN);
        call.setReturnType(type, javaType);
        call.setReturnQName(new QName("", operation + "Return"));
        return call;
    }
}
