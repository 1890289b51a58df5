// Mono's ASMX client (a SoapHttpClientProtocol proxy made by `wsdl` from the corpus's
// library/bare.wsdl, namespace Bare; XmlSerializer) calling the endpoint given as the only
// argument: document/literal bare, a body of a complex type, of a simple type, of a list (also
// empty), a declared fault, a one-way operation, an answer without parts. What it decoded of
// each answer is printed as one JSON array, an item per call: {"op", "body"}; a SOAP fault as
// {"op", "fault": {"code", "string", "detail": {"reason", "code"}}}, its detail read from
// SoapException.Detail. The Rust test (tests/corpus/tests/oracle_mono_literal.rs) checks both
// sides.
using System;
using System.Collections.Generic;
using System.Web.Services.Protocols;
using System.Xml;
using Bare;

public static class AsmxShelfClient
{
    public static int Main(string[] args)
    {
        var shelf = new ShelfService { Url = args[0], Timeout = 60000 };
        Book[] books = Books();
        var results = new List<object>();
        results.Add(Call("shelve", () => shelf.shelve(books[0])));
        results.Add(Call("shelve", () => shelf.shelve(books[1])));
        var blank = new Book { title = "blank", genre = Genre.fiction, pages = 0 };
        results.Add(Call("shelve", () => shelf.shelve(blank)));
        results.Add(Call("lookup", () => Describe(shelf.lookup("Dune <&>"))));
        results.Add(Call("lookup", () => Describe(shelf.lookup("none"))));
        results.Add(Call("donate", () => { shelf.donate(books[0]); return null; }));
        results.Add(Call("clear", () => { shelf.clear("top <&>"); return null; }));
        Console.Out.Write(Json.Value(results));
        return 0;
    }

    /// <summary>The books the Rust test expects: text to escape and beyond ASCII, an ISBN and
    /// none, a nil subtitle and one, tags and none.</summary>
    static Book[] Books()
    {
        return new[] {
            new Book { title = "\u00dcn\u00efcode & <tags>", genre = Genre.fiction, pages = 412,
                       isbn = "978-0", subtitle = null, tag = new[] { "classic", "sand" } },
            new Book { title = "Odes", genre = Genre.poetry, pages = 90,
                       subtitle = "and more" },
        };
    }

    /// <summary>The books of a lookup as JSON: null for no array at all, an absent ISBN and
    /// tags left out, a nil subtitle as null.</summary>
    static object Describe(Book[] books)
    {
        if (books == null) return null;
        var described = new List<object>();
        foreach (Book book in books)
        {
            var pairs = new List<object> { "title", book.title, "genre", book.genre.ToString(),
                                           "pages", book.pages, "subtitle", book.subtitle };
            if (book.isbn != null) { pairs.Add("isbn"); pairs.Add(book.isbn); }
            if (book.tag != null) { pairs.Add("tag"); pairs.Add(book.tag); }
            described.Add(Json.Object(pairs.ToArray()));
        }
        return described;
    }

    /// <summary>Runs a call: its answer, or the SOAP fault it met, as JSON.</summary>
    static Json.Raw Call(string op, Func<object> call)
    {
        try
        {
            return Json.Object("op", op, "body", call());
        }
        catch (SoapException fault)
        {
            return Json.Object("op", op, "fault", Json.Object(
                "code", fault.Code.Name, "string", fault.Message,
                "detail", Refusal(fault.Detail)));
        }
    }

    /// <summary>The declared refusal in a fault's detail element, or null.</summary>
    static object Refusal(XmlNode detail)
    {
        var names = new XmlNamespaceManager(new NameTable());
        names.AddNamespace("lib", "urn:example:library");
        XmlNode refusal = detail == null ? null : detail.SelectSingleNode("lib:refusal", names);
        if (refusal == null) return null;
        return Json.Object(
            "reason", refusal.SelectSingleNode("lib:reason", names).InnerText,
            "code", int.Parse(refusal.SelectSingleNode("lib:code", names).InnerText));
    }
}
