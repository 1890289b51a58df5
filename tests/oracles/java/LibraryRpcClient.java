import java.util.ArrayList;
import java.util.List;

import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;

import librpc.Book;
import librpc.BookList;
import librpc.Genre;
import librpc.Library;
import librpc.LibraryService;
import librpc.Refused;
import librpc.TitleList;

/**
 * JAX-WS's client of the corpus's library/rpc.wsdl (rpc/literal: several parts each way, parts
 * of complex and simple types, a declared fault, a one-way operation, an answer without parts)
 * calling the endpoint given as the only argument. What JAX-WS decoded of each answer is printed
 * as one JSON array, an item per call: {@code {"op", "body"}}; the declared fault, which JAX-WS
 * throws as the exception wsimport made of it, as {@code {"op", "declared": {"exception",
 * "message", "info"}}}. The Rust test (tests/corpus/tests/oracle_jaxws_literal.rs) checks both
 * sides.
 */
public final class LibraryRpcClient {
    private LibraryRpcClient() {}

    /** One call's outcome as JSON; the declared fault is thrown. */
    private interface Call {
        String run() throws Refused;
    }

    public static void main(String[] args) {
        Library port = new LibraryService().getLibraryRpcPort();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);

        List<String> results = new ArrayList<>();
        results.add(call("addBooks", () -> addBooks(port, "top <&>", books())));
        results.add(call("addBooks", () -> addBooks(port, "", new BookList())));
        results.add(call("findBook", () -> findBook(port, "Dune", Genre.SCIENCE)));
        results.add(call("findBook", () -> findBook(port, "Odes", Genre.POETRY)));
        results.add(call("findBook", () -> findBook(port, "missing", Genre.FICTION)));
        results.add(call("donateBook", () -> {
            port.donateBook(books().getBook().get(1));
            return Json.object();
        }));
        results.add(call("clearShelf", () -> {
            port.clearShelf("top <&>");
            return Json.object();
        }));
        System.out.println("[" + String.join(",\n", results) + "]");
    }

    /** The books the Rust test expects: text to escape and beyond ASCII, an ISBN and none, a
     * nil subtitle and one, tags and none. */
    private static BookList books() {
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
        BookList books = new BookList();
        books.getBook().add(first);
        books.getBook().add(second);
        return books;
    }

    private static String addBooks(Library port, String shelf, BookList books) throws Refused {
        Holder<Integer> count = new Holder<>();
        Holder<TitleList> titles = new Holder<>();
        port.addBooks(shelf, books, count, titles);
        return Json.object("body", new Json.Raw(Json.object("count", count, "titles", titles)));
    }

    private static String findBook(Library port, String title, Genre genre) throws Refused {
        return Json.object("body", port.findBook(title, genre));
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
