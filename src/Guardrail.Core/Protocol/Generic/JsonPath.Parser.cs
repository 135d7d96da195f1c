using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Guardrail.Protocol.Generic;

public sealed partial class JsonPath
{
    // A hand-written recursive-descent reader of the subset; every refusal names its position (1-based).
    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _pos;

        public static bool TryParse(string text, out List<JsonPathSegment> segments, [NotNullWhen(false)] out string? error)
        {
            var parser = new Parser(text);
            segments = [];
            error = parser.Parse(segments);
            return error is null;
        }

        private string? Parse(List<JsonPathSegment> segments)
        {
            if (_text.Length == 0) return "the path is empty";
            if (_text[0] != '$') return "a path starts with '$'";
            _pos = 1;
            while (_pos < _text.Length)
            {
                var error = _text[_pos] switch
                {
                    '.' => Dot(segments),
                    '[' => Bracket(segments),
                    _ => At($"'{_text[_pos]}' is not '.' or '['"),
                };
                if (error is not null) return error;
            }
            return null;
        }

        private string? Dot(List<JsonPathSegment> segments)
        {
            _pos++;
            if (_pos >= _text.Length) return At("a name must follow '.'");
            if (_text[_pos] == '.') return At("recursive descent ('..') is not supported");
            if (_text[_pos] == '*') return At("'.*' is not supported; write [*]");
            var start = _pos;
            while (_pos < _text.Length && _text[_pos] is not ('.' or '[')) _pos++;
            var name = _text[start.._pos];
            if (!JsonPathSegment.IsPlainName(name))
            {
                _pos = start;
                return At($"'{name}' is not a plain name (letters, digits, '_', '-'); write ['{name}']");
            }
            segments.Add(new JsonPathSegment(JsonPathSegmentKind.Name, name));
            return null;
        }

        private string? Bracket(List<JsonPathSegment> segments)
        {
            _pos++;
            if (_pos >= _text.Length) return At("'[' is not closed");
            var c = _text[_pos];
            string? error;
            if (c == '*')
            {
                _pos++;
                segments.Add(new JsonPathSegment(JsonPathSegmentKind.Wildcard));
                error = null;
            }
            else if (c is '\'' or '"') error = Quoted(segments, c);
            else if (char.IsAsciiDigit(c)) error = Index(segments);
            else if (c == '?') return At("filters ('[?...]') are not supported");
            else if (c == '-') return At("negative indices are not supported");
            else if (c == ':') return At("slices are not supported");
            else return At($"'{c}' cannot start a bracket; write [n], [*] or ['name']");
            if (error is not null) return error;
            if (_pos >= _text.Length || _text[_pos] != ']')
            {
                return _pos < _text.Length && _text[_pos] is ':' or ',' ? At("slices and unions are not supported") : At("expected ']'");
            }
            _pos++;
            return null;
        }

        private string? Index(List<JsonPathSegment> segments)
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                _pos = start;
                return At("the index is too large");
            }
            segments.Add(new JsonPathSegment(JsonPathSegmentKind.Index, Index: index));
            return null;
        }

        private string? Quoted(List<JsonPathSegment> segments, char quote)
        {
            var name = new StringBuilder();
            _pos++;
            while (_pos < _text.Length && _text[_pos] != quote)
            {
                if (_text[_pos] == '\\')
                {
                    if (_pos + 1 >= _text.Length || _text[_pos + 1] is not ('\\' or '\'' or '"')) return At("only \\\\, \\' and \\\" escapes are supported");
                    _pos++;
                }
                name.Append(_text[_pos++]);
            }
            if (_pos >= _text.Length) return At("the quoted name is not closed");
            _pos++;
            segments.Add(new JsonPathSegment(JsonPathSegmentKind.Name, name.ToString()));
            return null;
        }

        private readonly string At(string message) => $"at position {_pos + 1}: {message}";
    }
}
