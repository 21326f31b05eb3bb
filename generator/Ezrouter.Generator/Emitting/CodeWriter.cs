using System.Text;

namespace Ezrouter.Generator.Emitting;

/// <summary>Indented text with LF line endings only, so output is byte-identical on every OS.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length == 0) _text.Append('\n');
        else _text.Append(' ', _indent * 4).Append(line).Append('\n');
        return this;
    }

    /// <summary>Preprocessor lines start at column 0, as Kiota writes them.</summary>
    public CodeWriter Directive(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line).Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string closing = "}")
    {
        _indent--;
        return Line(closing);
    }

    /// <summary>A summary from spec text (escaped).</summary>
    public CodeWriter Summary(string text) => SummaryXml(Docs.Escape(text));

    /// <summary>A summary whose text is already XML (may hold &lt;see cref&gt;).</summary>
    public CodeWriter SummaryXml(string xml)
    {
        Line("/// <summary>");
        foreach (var line in xml.Replace("\r", string.Empty).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)) Line("/// " + line);
        return Line("/// </summary>");
    }

    /// <summary>A line one level out: the <c>#else</c> twin of a signature already opened with <see cref="Open"/>.</summary>
    public CodeWriter OuterLine(string line)
    {
        _indent--;
        Line(line);
        _indent++;
        return this;
    }

    public override string ToString() => _text.ToString();
}

/// <summary>XML doc text from spec descriptions.</summary>
public static class Docs
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static IEnumerable<string> Lines(string text) =>
        text.Replace("\r", string.Empty).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0);

    /// <summary>The description, or the fallback when the spec has none.</summary>
    public static string Or(string? text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text;

    /// <summary>A description flattened to one line, for single-line summaries.</summary>
    public static string OneLine(string? text, string fallback) =>
        string.IsNullOrWhiteSpace(text) ? fallback : string.Join(" ", Lines(text));

    /// <summary>A description flattened to one line and escaped for XML.</summary>
    public static string OneLineXml(string? text, string fallback) => Escape(OneLine(text, fallback));
}
