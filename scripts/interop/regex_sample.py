"""A short string matching an XML Schema pattern facet, for the values of simple types that
restrict by pattern (a GUID's, say): zeep drops facets, so its values would not match.

The pattern is read with Python's own regular-expression parser (XML Schema's dialect shares
what real schemas use: classes, `\\d`, counts, groups, alternatives); the string takes the
first alternative, the first character of each class and each count's minimum (at least one).
None when the pattern uses what Python reads otherwise or the result does not match."""

import re

try:
    from re import _parser as sre_parse  # Python 3.11+
    from re import _constants as sre_constants
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants
    import sre_parse

# A character of each category, by the class escapes they stand for.
CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: "7",
    sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: "a",
    sre_constants.CATEGORY_WORD: "a",
    sre_constants.CATEGORY_NOT_WORD: "-",
}


def matching(pattern):
    """A string the whole of `pattern` matches, or None."""
    try:
        parsed = sre_parse.parse(pattern)
        text = "".join(_sequence(parsed))
    except (re.error, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    return text if re.fullmatch(pattern, text) else None


def _sequence(items):
    for op, argument in items:
        yield _item(op, argument)


def _item(op, argument):
    if op == sre_constants.LITERAL:
        return chr(argument)
    if op == sre_constants.ANY:
        return "a"
    if op == sre_constants.IN:
        return _class(argument)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, inner = argument
        return "".join(_sequence(inner)) * max(low, 1)
    if op == sre_constants.SUBPATTERN:
        return "".join(_sequence(argument[-1]))
    if op == sre_constants.BRANCH:
        return "".join(_sequence(argument[1][0]))
    if op == sre_constants.AT:
        return ""
    if op == sre_constants.CATEGORY:
        return CATEGORIES[argument]
    raise ValueError(f"unsupported pattern element {op}")


def _class(items):
    """The first character of a class; a negated class gets a letter it does not hold."""
    if items and items[0][0] == sre_constants.NEGATE:
        excluded = "".join(_item(op, arg) if op != sre_constants.RANGE else chr(arg[0]) for op, arg in items[1:])
        return next(c for c in "aZ7-_" if c not in excluded)
    op, argument = items[0]
    if op == sre_constants.RANGE:
        return chr(argument[0])
    return _item(op, argument)
