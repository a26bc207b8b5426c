"""Where a YAML problem is, as an editor shows it: syntax errors located, and YAML 1.1 lines remapped.

libyaml and PyYAML count positions their own ways: libyaml's reader errors give byte offsets, the
end of a file without a final line break is put on a line that does not exist, and YAML 1.1 breaks
lines at NEL, LS and PS where editors do not. These helpers turn every position into the line and
column an editor shows.
"""

from __future__ import annotations

import re

import yaml

from minlint.loader.nodes import ParsedYaml, Problem, YMap, YSeq
from minlint.vocabulary import SHAPE, SYNTAX


def offset_to_position(text: str, offset: int, in_bytes: bool) -> tuple[int, int]:
    """The line and column of a character offset (a byte offset into the UTF-8 text when ``in_bytes``)."""
    prefix = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace") if in_bytes else text[:offset]
    lines = prefix.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def _tab_near(text: str, line: int, column: int) -> bool:
    """Whether the line of a syntax error has a tab in its indentation or at the error column."""
    lines = text.split("\n", line)
    if len(lines) < line:
        return False
    source_line = lines[line - 1]
    indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    return "\t" in indent or source_line[column - 1 : column] == "\t"


def _inside(text: str, line: int, column: int) -> tuple[int, int]:
    """Keep a position inside the text: libyaml puts the end of a file without a final line break
    on a line that does not exist.
    """
    lines = text.count("\n") + 1  # an editor shows an empty last line after a final line break
    if line > lines:
        return lines, len(text.rsplit("\n", 1)[-1]) + 1
    return line, column


def syntax_problem(error: yaml.YAMLError, text: str, pure: bool, libyaml: bool) -> Problem:
    """The problem a YAML error stands for, where an editor shows it (``libyaml``: whether libyaml read it)."""
    if isinstance(error, yaml.reader.ReaderError):
        line, column = offset_to_position(text, error.position, in_bytes=not pure and libyaml)
        char = error.character
        shown = f"{char:#04x}" if isinstance(char, int) else repr(char)
        return Problem(SYNTAX, line, column, f"the file contains a character YAML does not allow ({shown})")
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        line, column = _inside(text, line, column)
        problem = (error.problem or "invalid YAML").strip()
        context = (error.context or "").strip()
        message = f"YAML syntax error: {problem}"
        if context and error.context_mark is not None and error.context_mark is not mark:
            message += f" ({context} at line {error.context_mark.line + 1})"
        elif context:
            message += f" ({context})"
        if "nesting depth" in problem:
            return Problem(SHAPE, line, column, "nested too deeply (more than 1000 levels); refusing to read further")
        if _tab_near(text, line, column):
            message += "; YAML indentation must use spaces, not tabs"
        return Problem(SYNTAX, line, column, message)
    return Problem(SYNTAX, 1, 1, f"YAML syntax error: {str(error).strip() or type(error).__name__}")


UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")
_ALL_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _editor_positions(text: str) -> list[tuple[int, int]]:
    """For each line as YAML 1.1 counts them (NEL, LS and PS break lines too), the line an editor
    shows it on and the column offset there: editors break lines only at CR and LF.
    """
    table = [(1, 0)]
    editor_line, line_start = 1, 0
    for match in _ALL_BREAKS.finditer(text):
        if match.group() in UNICODE_BREAKS:
            table.append((editor_line, match.end() - line_start))
        else:
            editor_line += 1
            line_start = match.end()
            table.append((editor_line, 0))
    return table


def remap(parsed: ParsedYaml, text: str, located: set[int]) -> None:
    """Rewrite every position of ``parsed`` from YAML 1.1 lines to editor lines (see above)."""
    table = _editor_positions(text)

    def move(line: int, column: int) -> tuple[int, int]:
        if line - 1 >= len(table):
            return line, column
        editor_line, offset = table[line - 1]
        return editor_line, column + offset

    seen: set[int] = set()
    pending: list[object] = [parsed.root]
    while pending:
        node = pending.pop()
        if not isinstance(node, (YMap, YSeq)) or id(node) in seen:
            continue
        seen.add(id(node))
        node.line, node.column = move(node.line, node.column)
        if isinstance(node, YMap):
            for key, (key_line, key_column, value_line, value_column) in list(node.marks.items()):
                node.marks[key] = (*move(key_line, key_column), *move(value_line, value_column))
            pending.extend(node.values())
        else:
            node.marks = [move(line, column) for line, column in node.marks]
            pending.extend(node)
    parsed.problems = [
        problem
        if id(problem) in located
        else Problem(problem.code, *move(problem.line, problem.column), problem.message)
        for problem in parsed.problems
    ]
    if parsed.second_document is not None:
        parsed.second_document = move(*parsed.second_document)
