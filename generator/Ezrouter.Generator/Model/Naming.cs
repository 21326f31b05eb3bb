using System.Text;

namespace Ezrouter.Generator.Model;

/// <summary>Kiota's C# naming rules, as far as our specs need them.</summary>
public static class Naming
{
    // Members of System.Exception / ApiException that an error model property must not hide (Kiota escapes them).
    private static readonly HashSet<string> ExceptionMembers = new(StringComparer.Ordinal)
    {
        "Data", "HelpLink", "HResult", "InnerException", "Message", "Source", "StackTrace", "TargetSite",
        "ResponseStatusCode", "ResponseHeaders",
    };

    /// <summary>Property names: <c>created_at</c> → <c>CreatedAt</c>.</summary>
    public static string PascalCase(string wireName)
    {
        var builder = new StringBuilder(wireName.Length);
        var upperNext = true;
        foreach (var c in wireName)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }
            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }
        if (builder.Length == 0) throw new ArgumentException($"'{wireName}' has no usable characters");
        if (char.IsAsciiDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>Path segments and enum members: punctuation dropped and the next letter upper-cased; <c>_</c> kept.</summary>
    public static string CleanSymbol(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        var upperNext = true;
        foreach (var c in raw)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else upperNext = true;
        }
        if (builder.Length == 0) throw new ArgumentException($"'{raw}' has no usable characters");
        if (char.IsAsciiDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>A property named like its class gets <c>Prop</c>; on an error model, one named like an Exception member gets <c>Escaped</c>.</summary>
    public static string PropertyName(string wireName, string className, bool isError)
    {
        var name = PascalCase(wireName);
        if (name == className) return name + "Prop";
        if (isError && ExceptionMembers.Contains(name)) return name + "Escaped";
        return name;
    }
}
