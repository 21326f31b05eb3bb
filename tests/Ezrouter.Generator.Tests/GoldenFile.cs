using System.Runtime.CompilerServices;
using System.Text;
using Ezrouter.Generator;

namespace Ezrouter.Generator.Tests;

/// <summary>
/// Compares generator output to a golden file at <c>TestData/&lt;TestClass&gt;/&lt;TestMethod&gt;[(&lt;variant&gt;)].cs</c>
/// beside the test source. With <c>EZROUTER_UPDATE_GOLDEN=1</c> the golden file is rewritten instead.
/// </summary>
public static class GoldenFile
{
    private const string UpdateVariable = "EZROUTER_UPDATE_GOLDEN";

    public static void AssertMatches(string actual, string? variant = null, [CallerFilePath] string callerFile = "", [CallerMemberName] string testMethod = "")
    {
        var path = PathFor(callerFile, testMethod, variant);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it, then review it.");
        // A checkout with CRLF conversion must not fail the comparison; the generator's own LF output is checked elsewhere.
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        Assert.Fail($"output differs from golden file {path}\n{FirstDifference(expected, actual)}\n" +
                    $"If the change is intended, run the tests with {UpdateVariable}=1 and review the diff.");
    }

    /// <summary>The golden path: the test class is the source file's name (one test class per file).</summary>
    public static string PathFor(string callerFile, string testMethod, string? variant)
    {
        var name = variant is null ? testMethod : $"{testMethod}({variant})";
        return Path.Combine(TestProjectDirectory(callerFile), "TestData", Path.GetFileNameWithoutExtension(callerFile), name + ".cs");
    }

    // [CallerFilePath] is the compile-time path; a build with PathMap (CI) rewrites it, so fall back to the repository layout.
    private static string TestProjectDirectory(string callerFile)
    {
        var directory = Path.GetDirectoryName(callerFile);
        if (directory is not null && Directory.Exists(directory)) return directory;
        return Path.Combine(ClientGenerator.FindRepositoryRoot(AppContext.BaseDirectory), "tests", "Ezrouter.Generator.Tests");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return $"first difference at line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "files differ only in line endings or trailing text";
    }
}
