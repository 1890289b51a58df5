<?php
// PHP's SoapServer (ext/soap) serving one of the corpus's library contracts, as the router
// script of PHP's built-in web server:
//
//   SOAP_WSDL=.../library/rpc.wsdl php -S 127.0.0.1:PORT library_server.php
//
// `library/rpc.wsdl` (rpc/literal: addBooks, findBook, donateBook) or `library/bare.wsdl`
// (document/literal bare: shelve, lookup, donate); SoapServer dispatches to the methods of the
// contract it serves. Its answers are computed from what it decoded, by the rules the Rust
// test's own handler follows (tests/corpus/tests/library_peer), so that a caller can check
// both directions:
// - addBooks(shelf, books): `count`, the number of books, and `titles`, "SHELF:" and each book
//   described as title/genre/pages/isbn or -/subtitle or nil/tags joined by commas; the
//   declared fault `refused` (reason "no shelf <&>", code 400) for an empty shelf;
// - findBook(title, genre): the book of that title and genre, 321 pages, tagged with its genre
//   and "found <&>", an ISBN "isbn TITLE" and subtitle "sub TITLE" for a poem, else no ISBN and
//   a nil subtitle; `refused` ("not on the shelf <&>", 404) for the title "missing";
// - shelve(book): pages × 10000, + 1000 for a nil subtitle, + 100 for an ISBN, + the number of
//   tags; `refused` ("no pages <&>", 422) for a book of no pages;
// - lookup(query): no books for "none", else "QUERY I" (science, 1 page, ISBN "isbn 1",
//   subtitle "first", tags a and b) and "QUERY II" (poetry, 2 pages, a nil subtitle);
// - donateBook(book), donate(book): one-way, nothing answered;
// - clearShelf(shelf), clear(shelf): an answer without parts.

declare(strict_types=1);

class Library
{
    /** The declared fault `refused`, its detail the `refusal` element. */
    private static function refused(string $reason, int $code): SoapFault
    {
        $detail = ['reason' => $reason, 'code' => $code];
        return new SoapFault('Server', $reason, null, $detail, 'refused');
    }

    /** A book's repeated tags as a list (none when the element is absent). */
    private static function tags($book): array
    {
        return isset($book->tag) ? (array) $book->tag : [];
    }

    public function addBooks(string $shelf, $books)
    {
        if ($shelf === '') {
            throw self::refused('no shelf <&>', 400);
        }
        $titles = [];
        foreach ($books->book ?? [] as $book) {
            $titles[] = "{$shelf}:{$book->title}/{$book->genre}/{$book->pages}/"
                . ($book->isbn ?? '-') . '/' . ($book->subtitle ?? 'nil') . '/'
                . implode(',', self::tags($book));
        }
        // Several output parts: an array keyed by part name.
        return ['count' => count($titles), 'titles' => ['title' => $titles]];
    }

    public function findBook(string $title, string $genre)
    {
        if ($title === 'missing') {
            throw self::refused('not on the shelf <&>', 404);
        }
        $book = ['title' => $title, 'genre' => $genre, 'pages' => 321];
        if ($genre === 'poetry') {
            $book['isbn'] = "isbn {$title}";
            $book['subtitle'] = "sub {$title}";
        } else {
            $book['subtitle'] = null;
        }
        $book['tag'] = [$genre, 'found <&>'];
        return $book;
    }

    public function donateBook($book)
    {
    }

    public function shelve($book)
    {
        if ($book->pages <= 0) {
            throw self::refused('no pages <&>', 422);
        }
        return $book->pages * 10000
            + (isset($book->subtitle) ? 0 : 1000)
            + (isset($book->isbn) ? 100 : 0)
            + count(self::tags($book));
    }

    public function lookup(string $query)
    {
        if ($query === 'none') {
            return [];
        }
        return ['book' => [
            ['title' => "{$query} I", 'genre' => 'science', 'pages' => 1, 'isbn' => 'isbn 1',
             'subtitle' => 'first', 'tag' => ['a', 'b']],
            ['title' => "{$query} II", 'genre' => 'poetry', 'pages' => 2, 'subtitle' => null],
        ]];
    }

    public function donate($book)
    {
    }

    public function clearShelf(string $shelf)
    {
    }

    public function clear(string $shelf)
    {
    }
}

$server = new SoapServer(getenv('SOAP_WSDL'), [
    'cache_wsdl' => WSDL_CACHE_NONE,
    // A repeated element is an array even when it occurs once.
    'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
]);
$server->setClass('Library');
$server->handle();
