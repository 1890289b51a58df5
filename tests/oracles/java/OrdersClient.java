import java.util.ArrayList;
import java.util.List;

import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import javax.xml.ws.soap.SOAPFaultException;

import orders.Denied;
import orders.InvalidOrder;
import orders.Notification;
import orders.OrderService;
import orders.Orders;
import orders.OutOfStock;
import orders.PlaceOrder;

/**
 * JAX-WS's client of the corpus's operations.wsdl (its SOAP 1.2 binding: a {@code Session}
 * request header, a {@code Trace} response header, declared faults, a one-way operation, empty
 * wrappers, an empty Body) calling the endpoint given as the only argument. What JAX-WS decoded
 * of each answer is printed as one JSON array, an item per call: {@code {"op", "body",
 * "headers"}}; a declared fault, which JAX-WS throws as the exception wsimport made of it, as
 * {@code {"op", "declared": {"exception", "message", "info"}}}; another as {@code {"op",
 * "fault"}}. The Rust test (tests/corpus/tests/oracle_jaxws.rs) checks both sides.
 */
public final class OrdersClient {
    private OrdersClient() {}

    /** One call's outcome as JSON; the declared faults are thrown. */
    private interface Call {
        String run() throws Exception;
    }

    public static void main(String[] args) {
        Orders port = new OrderService().getOrdersSoap12();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);

        List<String> results = new ArrayList<>();
        results.add(call("PlaceOrder", () -> placeOrder(port, "ABC", 2)));
        results.add(call("PlaceOrder", () -> placeOrder(port, "gone", 1)));
        results.add(call("CancelOrder", () -> {
            port.cancelOrder(0);
            return Json.object();
        }));
        results.add(call("CancelOrder", () -> {
            port.cancelOrder(-1);
            return Json.object();
        }));
        results.add(call("Notify", () -> {
            Notification notification = new Notification();
            notification.setText("hello \u00fc <&>");
            port.notify(notification);
            return Json.object();
        }));
        results.add(call("Ping", () -> {
            port.ping();
            return Json.object();
        }));
        results.add(call("Reset", () -> {
            port.reset();
            return Json.object();
        }));
        System.out.println("[" + String.join(",\n", results) + "]");
    }

    private static String placeOrder(Orders port, String sku, int quantity)
            throws InvalidOrder, OutOfStock {
        PlaceOrder order = new PlaceOrder();
        order.setSku(sku);
        order.setQuantity(quantity);
        Holder<String> trace = new Holder<>();
        Object placed = port.placeOrder(order, "s-1 <&>", trace);
        return Json.object("body", placed, "headers", new Json.Raw(Json.object("Trace", trace)));
    }

    /** Runs {@code call}: its answer, or the fault it met, as JSON with the operation's name. */
    private static String call(String op, Call call) {
        String outcome;
        try {
            outcome = call.run();
        } catch (OutOfStock e) {
            outcome = declared(e, e.getFaultInfo());
        } catch (InvalidOrder e) {
            outcome = declared(e, e.getFaultInfo());
        } catch (Denied e) {
            outcome = declared(e, e.getFaultInfo());
        } catch (SOAPFaultException e) {
            outcome = Json.object("fault", new Json.Raw(Faults.json(e)));
        } catch (Exception e) {
            throw new IllegalStateException(op + " failed", e);
        }
        String opJson = Json.object("op", op);
        return outcome.equals("{}")
                ? opJson
                : opJson.substring(0, opJson.length() - 1) + "," + outcome.substring(1);
    }

    private static String declared(Exception e, Object info) {
        return Json.object("declared", new Json.Raw(Json.object(
                "exception", e.getClass().getSimpleName(),
                "message", e.getMessage(),
                "info", info)));
    }
}
