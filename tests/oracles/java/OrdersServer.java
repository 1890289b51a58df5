import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.jws.WebService;
import javax.xml.ws.BindingType;
import javax.xml.ws.Endpoint;
import javax.xml.ws.Holder;
import javax.xml.ws.soap.SOAPBinding;

import com.sun.net.httpserver.HttpServer;
import com.sun.xml.ws.server.sei.TieHandler;

import orders.CancelOrder;
import orders.Denied;
import orders.InvalidOrder;
import orders.InvalidOrderFault;
import orders.Notification;
import orders.Orders;
import orders.OutOfStock;
import orders.OutOfStockFault;
import orders.PlaceOrder;
import orders.PlaceOrderResponse;

/**
 * A JAX-WS service of the corpus's operations.wsdl (SOAP 1.2), implementing the port type
 * wsimport made, published at the path given as the only argument on 127.0.0.1 (a free port).
 * It prints {@code {"port": N}} once it listens, then each request as JAX-WS decoded it, a JSON
 * line {@code {"op", "body", "headers"}}; it answers canned values and throws the declared
 * faults (and, for order -1, an exception of its own); it ends when its standard input closes.
 */
@WebService(
        endpointInterface = "orders.Orders",
        targetNamespace = "urn:example:operations",
        serviceName = "OrderService",
        portName = "OrdersSoap12")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public final class OrdersServer implements Orders {
    /** An order id beyond {@code int}. */
    private static final long ORDER_ID = 10_000_000_000L;

    /**
     * JAX-WS logs an exception a service throws that its port type does not declare (SEVERE,
     * with its stack), before answering it as a fault: the one this service throws on purpose
     * is not logged. Held here, as a logger's level lasts only while the logger is referenced.
     */
    private static final Logger TIE_LOG = Logger.getLogger(TieHandler.class.getName());

    public static void main(String[] args) throws IOException {
        TIE_LOG.setLevel(Level.OFF);
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Endpoint endpoint = Endpoint.create(new OrdersServer());
        endpoint.publish(http.createContext(args[0]));
        http.start();
        report(Json.object("port", http.getAddress().getPort()));
        while (System.in.read() != -1) {
            // Runs until the test closes standard input.
        }
        endpoint.stop();
        http.stop(0);
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void request(String op, Object body, Object... headers) {
        report(Json.object("op", op, "body", body, "headers", new Json.Raw(Json.object(headers))));
    }

    @Override
    public PlaceOrderResponse placeOrder(PlaceOrder order, String session, Holder<String> trace)
            throws InvalidOrder, OutOfStock {
        request("PlaceOrder", order, "Session", session);
        if (order.getSku().equals("gone")) {
            OutOfStockFault detail = new OutOfStockFault();
            detail.setSku(order.getSku());
            detail.setAvailable(0);
            throw new OutOfStock("out of stock <&>", detail);
        }
        if (order.getQuantity() <= 0) {
            InvalidOrderFault detail = new InvalidOrderFault();
            detail.setReason("quantity must be positive <&>");
            detail.setField("Quantity");
            throw new InvalidOrder("invalid order", detail);
        }
        trace.value = "session " + session;
        PlaceOrderResponse placed = new PlaceOrderResponse();
        placed.setOrderId(ORDER_ID + order.getQuantity());
        return placed;
    }

    @Override
    public void cancelOrder(long orderId) throws Denied, InvalidOrder {
        CancelOrder cancel = new CancelOrder();
        cancel.setOrderId(orderId);
        request("CancelOrder", cancel);
        if (orderId == 0) {
            throw new Denied("denied <&>", "not yours");
        }
        if (orderId < 0) {
            throw new IllegalStateException("no such order: " + orderId);
        }
    }

    @Override
    public void notify(Notification notification) {
        request("Notify", notification);
    }

    @Override
    public void ping() {
        request("Ping", null);
    }

    @Override
    public void reset() {
        request("Reset", null);
    }
}
