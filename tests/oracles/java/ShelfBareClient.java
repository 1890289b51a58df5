import java.util.ArrayList;
import java.util.List;

import javax.xml.ws.BindingProvider;

import libbare.Book;
import libbare.Genre;
import libbare.Refused;
import libbare.Shelf;
import libbare.ShelfService;

/**
 * JAX-WS's client of the corpus's library/bare.wsdl (document/literal bare: each message's one
 * part an element of a complex type, of a simple type or of a list; a declared fault; a one-way
 * operation; an answer without parts) calling the endpoint given as the only argument. What
 * JAX-WS decoded of each answer is printed as one JSON array, an item per call: {@code {"op",
 * "body"}}; the declared fault as {@code {"op", "declared": {"exception", "message", "info"}}}. The Rust test
 * (tests/corpus/tests/oracle_jaxws_literal.rs) checks both sides.
 */
public final class ShelfBareClient {
    private ShelfBareClient() {}

    /** One call's outcome as JSON; the declared fault is thrown. */
    private interface Call {
        String run() throws Refused;
    }

    public static void main(String[] args) {
        Shelf port = new ShelfService().getShelfBarePort();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);

        List<Book> books = books();
        List<String> results = new ArrayList<>();
        results.add(call("shelve", () -> Json.object("body", port.shelve(books.get(0)))));
        results.add(call("shelve", () -> Json.object("body", port.shelve(books.get(1)))));
        Book empty = new Book();
        empty.setTitle("blank");
        empty.setGenre(Genre.FICTION);
        empty.setPages(0);
        results.add(call("shelve", () -> Json.object("body", port.shelve(empty))));
        results.add(call("lookup", () -> Json.object("body", port.lookup("Dune <&>"))));
        results.add(call("lookup", () -> Json.object("body", port.lookup("none"))));
        results.add(call("donate", () -> {
            port.donate(books.get(0));
            return Json.object();
        }));
        results.add(call("clear", () -> {
            port.clear("top <&>");
            return Json.object();
        }));
        System.out.println("[" + String.join(",\n", results) + "]");
    }

    /** The books the Rust test expects: text to escape and beyond ASCII, an ISBN and none, a
     * nil subtitle and one, tags and none. */
    private static List<Book> books() {
        Book first = new Book();
        first.setTitle("\u00dcn\u00efcode & <tags>");
        first.setGenre(Genre.FICTION);
        first.setPages(412);
        first.setIsbn("978-0");
        first.setSubtitle(null);
        first.getTag().add("classic");
        first.getTag().add("sand");
        Book second = new Book();
        second.setTitle("Odes");
        second.setGenre(Genre.POETRY);
        second.setPages(90);
        second.setSubtitle("and more");
        List<Book> books = new ArrayList<>();
        books.add(first);
        books.add(second);
        return books;
    }

    /** Runs {@code call}: its answer, or the fault it met, as JSON with the operation's name. */
    private static String call(String op, Call call) {
        String outcome;
        try {
            outcome = call.run();
        } catch (Refused e) {
            outcome = Json.object("declared", new Json.Raw(Json.object(
                    "exception", e.getClass().getSimpleName(),
                    "message", e.getMessage(),
                    "info", e.getFaultInfo())));
        }
        String opJson = Json.object("op", op);
        return outcome.equals("{}")
                ? opJson
                : opJson.substring(0, opJson.length() - 1) + "," + outcome.substring(1);
    }
}
