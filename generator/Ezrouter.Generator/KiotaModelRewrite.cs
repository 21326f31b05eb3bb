using System.Text;

namespace Ezrouter.Generator;

/// <summary>
/// The one change made to the Kiota CLI's output, right after it runs: a model's <c>AdditionalData</c> dictionary is
/// allocated on first use instead of in its constructor, as the SSE-only types our generator emits already do
/// (<see cref="Emitting.ModelEmitter"/>). Kiota allocates one empty dictionary per model object, so a models list
/// answer made one per entry, and a chat answer one per choice, message and usage object, that almost never hold
/// anything. The contract of
/// <c>IAdditionalDataHolder</c> stands: the getter never returns null, the setter replaces the dictionary, unknown
/// fields read by Kiota's parse node or our readers still land in it, and <c>Serialize</c> writes it when it exists
/// (an empty one writes nothing either way). A model file whose shape differs from the three lines below stops the
/// generation, so a Kiota upgrade that changes them is seen, not half-rewritten.
/// </summary>
public static class KiotaModelRewrite
{
    private const string Declaration = "        public IDictionary<string, object> AdditionalData { get; set; }";
    private const string Allocation = "            AdditionalData = new Dictionary<string, object>();";
    private const string Write = "            writer.WriteAdditionalData(AdditionalData);";

    private const string Field = "        private IDictionary<string, object> _additionalData;";

    private static readonly string[] LazyDeclaration =
    [
        Declaration[..^" { get; set; }".Length],
        "        {",
        "            get { return _additionalData ?? (_additionalData = new Dictionary<string, object>()); }",
        "            set { _additionalData = value; }",
        "        }",
    ];

    private const string LazyWrite = "            if(_additionalData != null) writer.WriteAdditionalData(_additionalData);";

    /// <summary>Rewrites every C# file under Kiota's output folder in place (UTF-8 without BOM, line endings kept).</summary>
    public static void RewriteDirectory(string kiotaOutputDirectory)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var path in Directory.EnumerateFiles(kiotaOutputDirectory, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            var rewritten = Rewrite(text, Path.GetRelativePath(kiotaOutputDirectory, path));
            if (!ReferenceEquals(rewritten, text)) File.WriteAllText(path, rewritten, encoding);
        }
    }

    /// <summary>
    /// One file's text, rewritten; the same instance when it holds no <c>AdditionalData</c> of its own. Throws when
    /// it holds some in a shape other than Kiota 1.38's (one declaration, one allocation, one write).
    /// </summary>
    public static string Rewrite(string text, string name)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline);
        int declarations = 0, allocations = 0, writes = 0;
        foreach (var line in lines)
        {
            if (line == Declaration) declarations++;
            else if (line == Allocation) allocations++;
            else if (line == Write) writes++;
        }
        if (declarations == 0 && allocations == 0 && writes == 0) return text;
        if (declarations != 1 || allocations != 1 || writes != 1)
            throw new InvalidOperationException(
                $"{name}: Kiota's AdditionalData is not in the shape KiotaModelRewrite knows ({declarations} declarations, {allocations} constructor allocations, {writes} writes; expected one each). Update generator/Ezrouter.Generator/KiotaModelRewrite.cs for this Kiota version.");

        var output = new List<string>(lines.Length + LazyDeclaration.Length);
        foreach (var line in lines)
        {
            if (line == Declaration)
            {
                // The field goes above the property's doc comment, as ModelEmitter writes it.
                output.Insert(output.Count > 0 && output[^1].TrimStart().StartsWith("///", StringComparison.Ordinal) ? output.Count - 1 : output.Count, Field);
                output.AddRange(LazyDeclaration);
            }
            else if (line == Write) output.Add(LazyWrite);
            else if (line != Allocation) output.Add(line);
        }
        return string.Join(newline, output);
    }
}
