using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ezrouter.Tests.TestSupport;

/// <summary>
/// The C# of one README section as a console program: extracted from the Markdown, compiled in memory with Roslyn
/// (diagnostics point at README.md's own lines), and run. It runs as <c>dotnet new console</c> would run it (that
/// template's implicit usings, nullable on) with one difference, the <see cref="Host"/> file compiled beside it:
/// <c>EzrouterClient</c> and <c>Console</c> declared in the global namespace, which C# looks in before the types a
/// <c>using</c> directive imports. The README's <c>new EzrouterClient(…)</c> so makes the real client (a subclass that
/// adds nothing) over the test's transport, and its console output goes to the test. The README's text is compiled
/// as it is.
/// </summary>
public static partial class ReadmeProgram
{
    /// <summary>README.md at the repository root, found from the test's output folder.</summary>
    public static string ReadmePath { get; } = FindReadme(AppContext.BaseDirectory);

    /// <summary>A fenced C# block: its first code line's number in the file (1-based), and its text.</summary>
    public sealed record Block(int Line, string Code);

    /// <summary>The <c>csharp</c> (or <c>cs</c>, <c>c#</c>) fenced blocks of the section under <paramref name="heading"/>, in order.</summary>
    public static IReadOnlyList<Block> CSharpBlocks(string markdown, string heading)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<Block>();
        int? level = null;
        string? fence = null;
        string? language = null;
        var start = 0;
        var code = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (fence is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal) && line.Trim().TrimStart(fence[0]).Length == 0)
                {
                    if (level is not null && language is "csharp" or "cs" or "c#") blocks.Add(new(start, code.ToString()));
                    fence = null;
                }
                else code.Append(line).Append('\n');
                continue;
            }
            if (Fence().Match(line) is { Success: true } opening)
            {
                fence = opening.Groups["fence"].Value;
                language = opening.Groups["info"].Value.Trim().Split(' ', 2)[0].ToLowerInvariant();
                start = i + 2;
                code.Clear();
                continue;
            }
            if (Heading().Match(line) is { Success: true } h)
            {
                var depth = h.Groups["marks"].Length;
                if (level is not null && depth <= level) break;
                if (h.Groups["text"].Value.Trim() == heading) level = depth;
            }
        }
        return level is null ? throw new InvalidOperationException($"README has no section \"{heading}\"") : blocks;
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}(?<marks>#{1,6})\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    /// <summary>
    /// The blocks as one program, in order, as a reader types them one after the other: each block's using
    /// directives first (C# wants them before any statement), then the statements; each part headed by a
    /// <c>#line</c> to its place in README.md.
    /// </summary>
    public static string Program(IReadOnlyList<Block> blocks)
    {
        var usings = new StringBuilder();
        var statements = new StringBuilder();
        foreach (var block in blocks)
        {
            var root = CSharpSyntaxTree.ParseText(block.Code, Parse).GetCompilationUnitRoot();
            var split = root.Usings.Count == 0 ? 0 : root.Usings[^1].FullSpan.End;
            var head = block.Code[..split];
            usings.Append($"#line {block.Line} \"README.md\"\n").Append(head);
            if (!head.EndsWith('\n') && head.Length > 0) usings.Append('\n');
            statements.Append($"#line {block.Line + head.Count(c => c == '\n')} \"README.md\"\n").Append(block.Code[split..]).Append('\n');
        }
        return usings.Append(statements).ToString();
    }

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    /// <summary>Compiles the program with the host; throws with every error and warning, at their README.md lines.</summary>
    public static byte[] Compile(string program)
    {
        var compilation = CSharpCompilation.Create(
            "ReadmeProgram",
            [CSharpSyntaxTree.ParseText(program, Parse, path: "README.md"), CSharpSyntaxTree.ParseText(Host, Parse, path: "ReadmeHost.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0 || !emitted.Success)
            throw new InvalidOperationException("The README's code does not compile cleanly:\n" + string.Join("\n", problems));
        return pe.ToArray();
    }

    /// <summary>Runs the program (its awaits included) with this transport; returns what it wrote to the console.</summary>
    public static async Task<string> RunAsync(byte[] program, HttpMessageHandler transport)
    {
        var context = new AssemblyLoadContext("README.md", isCollectible: true);
        try
        {
            var entry = context.LoadFromStream(new MemoryStream(program)).EntryPoint!;
            // Top-level statements with await compile to "<Main>$", returning the Task, behind a synchronous entry point.
            var main = entry.DeclaringType!.GetMethod("<Main>$", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public) ?? entry;
            var run = new Run(transport);
            Run.Current.Value = run;
            object? result;
            try
            {
                result = main.Invoke(null, main.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            finally
            {
                Run.Current.Value = null;
            }
            if (result is Task task) await task;
            return run.Output.ToString();
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>What the host file reads: the transport and the console of the run in progress on this flow.</summary>
    public sealed class Run(HttpMessageHandler transport)
    {
        internal static readonly AsyncLocal<Run?> Current = new();

        public StringWriter Output { get; } = new();

        public static TextWriter Out => Current.Value?.Output ?? throw new InvalidOperationException("no README run in progress");

        /// <summary>The README's options, with the test's transport.</summary>
        public static EzrouterClientOptions Options(EzrouterClientOptions options)
        {
            options.Transport = Current.Value?.Transport ?? throw new InvalidOperationException("no README run in progress");
            return options;
        }

        private HttpMessageHandler Transport { get; } = transport;
    }

    // Compiled beside the README's code: `dotnet new console`'s implicit usings, and the two stand-ins.
    private const string Host = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;

        using Run = Ezrouter.Tests.TestSupport.ReadmeProgram.Run;

        /// <summary>Ezrouter.EzrouterClient as it is, over the test's transport.</summary>
        public sealed class EzrouterClient : Ezrouter.EzrouterClient
        {
            public EzrouterClient(string apiKey) : base(Run.Options(new Ezrouter.EzrouterClientOptions { ApiKey = apiKey })) { }

            public EzrouterClient(Ezrouter.EzrouterClientOptions options) : base(Run.Options(options)) { }
        }

        /// <summary>System.Console's writes, into the test's buffer.</summary>
        public static class Console
        {
            public static void Write(string? value) => Run.Out.Write(value);
            public static void Write(object? value) => Run.Out.Write(value);
            public static void WriteLine() => Run.Out.WriteLine();
            public static void WriteLine(string? value) => Run.Out.WriteLine(value);
            public static void WriteLine(object? value) => Run.Out.WriteLine(value);
        }
        """;

    // The framework and every assembly the test runs with (the SDK, Kiota, this test assembly for the host's hooks).
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ReadmeProgram).Assembly.Location)
            .Where(p => p.Length > 0)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(p => MetadataReference.CreateFromFile(p)),
    ]);

    private static string FindReadme(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ezrouter.Generated.sln"))) return Path.Combine(dir.FullName, "README.md");
        throw new DirectoryNotFoundException($"no Ezrouter.Generated.sln above {start}");
    }
}
