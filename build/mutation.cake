// Mutation testing (loaded by build.cake; docs/mutation-testing.md says how the runs are used). Two tasks:
//   Mutation          one Stryker run, its report in artifacts/mutation/<label>/
//   MutationSummary   every labelled report added up, each mutant at its newest result

Task("Mutation")
    .Description("Mutation testing: dotnet-stryker (pinned in .config/dotnet-tools.json) mutates src/Ezrouter and runs "
        + "tests/Ezrouter.Tests and tests/Ezrouter.Extensions.AI.Tests against each mutant, with build/stryker-config.json. "
        + "Not a dependency of Test: CI never runs it. --mutate=<glob>[;<glob>…] narrows the files (globs as in Stryker's "
        + "--mutate), --survivors=<path>[;<path>…] instead retests only the mutants that survived or were not covered in "
        + "the newest results (MutationSummary's) of the files under those paths of src/Ezrouter ('.' for its root "
        + "files), when unchanged since (build/mutation-equivalent.txt lists the ones left out), --concurrency=N overrides "
        + "the config's, --label=<name> keeps this run's report in artifacts/mutation/<name> (default: all).")
    .Does(() =>
{
    // Stryker runs from the source project's folder, with the test projects named in the config (tests/Ezrouter.Tests,
    // and tests/Ezrouter.Extensions.AI.Tests, the only tests of the configuration reader): run from the repository
    // root it sees the solution instead. The config's paths are relative to that folder.
    var sourceProject = Directory("./src/Ezrouter");
    var mutations = Directory("./artifacts") + Directory("mutation");
    var output = mutations + Directory(Argument("label", "all"));
    var survivors = Argument("survivors", "");
    // Read before the output is cleaned: a rerun may be labelled like a run it retests.
    var globs = survivors == ""
        ? Argument("mutate", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
        : SurvivorSpans(MergedResults(mutations), survivors.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    if (survivors != "" && globs.Count == 0)
    {
        throw new CakeException($"No surviving mutant to retest under {survivors} in a file unchanged since its run.");
    }
    CleanDirectory(output);
    var arguments = new ProcessArgumentBuilder()
        .Append("--config-file").AppendQuoted(MakeAbsolute(File("./build/stryker-config.json")).FullPath)
        .Append("--output").AppendQuoted(MakeAbsolute(output).FullPath)
        .Append("--skip-version-check");
    foreach (var glob in globs)
    {
        arguments.Append("--mutate").AppendQuoted(glob);
    }
    var concurrency = Argument("concurrency", "");
    if (concurrency != "")
    {
        arguments.Append("--concurrency").Append(concurrency);
    }
    var commit = RunCaptured("git", "rev-parse --short HEAD").Lines.FirstOrDefault() ?? "unknown";
    var started = DateTime.UtcNow;
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("tool").Append("run").Append("dotnet-stryker").Append("--").Append(arguments.Render()),
        WorkingDirectory = MakeAbsolute(sourceProject),
    });
    if (exitCode != 0)
    {
        throw new CakeException($"dotnet-stryker exited with code {exitCode}.");
    }
    // Which commit and globs the report is of, and how long it took: MutationSummary prints them next to the scores.
    var what = survivors == "" ? $"mutate {Argument("mutate", "**/*.cs")}" : $"survivors under {survivors} ({globs.Count} files)";
    System.IO.File.WriteAllText(MakeAbsolute(output).FullPath + "/run.txt",
        $"commit {commit}; {what}; started {started:yyyy-MM-dd HH:mm} UTC; {(DateTime.UtcNow - started):hh\\:mm\\:ss}\n");
    var files = MutantResults(GetFiles(output.Path.FullPath + "/**/mutation-report.json").Single().FullPath).Values;
    Information("Mutation score: {0}", files.Select(f => f.Tally).Aggregate(new MutationTally(), (a, b) => a + b));
});

Task("MutationSummary")
    .Description("Adds up the reports of every Mutation run under artifacts/mutation/<label>: each mutant counted once, at "
        + "its result in the newest report that tested it (a whole file from the newest report when the file changed in "
        + "between), and prints the score per folder and for the files tested.")
    .Does(() =>
{
    var files = MergedResults(Directory("./artifacts") + Directory("mutation"), log: true);
    foreach (var folder in files.GroupBy(f => f.Key.Split('/') is var parts && parts.Length > 3 ? string.Join("/", parts.Take(3)) : "src/Ezrouter (root)").OrderBy(g => g.Key))
    {
        Information("{0,-40} {1}", folder.Key, folder.Select(f => f.Value.Tally).Aggregate(new MutationTally(), (a, b) => a + b));
    }
    Information("{0,-40} {1}", "files tested", files.Values.Select(f => f.Tally).Aggregate(new MutationTally(), (a, b) => a + b));
});

// A file's mutants by Stryker's status. The score as Stryker counts it: (killed + timeout) / (killed + timeout +
// survived + no coverage); compile errors and ignored mutants are not counted.
record MutationTally(int Killed = 0, int Timeout = 0, int Survived = 0, int NoCoverage = 0)
{
    public int Tested => Killed + Timeout + Survived + NoCoverage;
    public static MutationTally operator +(MutationTally a, MutationTally b) => new(a.Killed + b.Killed, a.Timeout + b.Timeout,
        a.Survived + b.Survived, a.NoCoverage + b.NoCoverage);
    public override string ToString() => $"{(Tested == 0 ? 0 : 100.0 * (Killed + Timeout) / Tested):0.00} % ({Killed} killed, "
        + $"{Timeout} timeout, {Survived} survived, {NoCoverage} no coverage)";
}

// One tested mutant: where it is (the report's lines and columns count from 1; the end column is exclusive), what it
// does, and its result.
record Mutant(int Line, int Column, int EndLine, int EndColumn, string Mutator, string Replacement, string Status)
{
    // The same in two reports of the same text, unlike Stryker's ids.
    public string Key => $"{Line}:{Column}-{EndLine}:{EndColumn} {Mutator} {Replacement}";
}

// One file of a report: its text when mutated, and its tested mutants by Key.
record FileMutants(string Source, Dictionary<string, Mutant> Mutants)
{
    public MutationTally Tally => Mutants.Values.Aggregate(new MutationTally(), (t, m) => t + m.Status switch
    {
        "Killed" => new MutationTally(Killed: 1),
        "Timeout" => new MutationTally(Timeout: 1),
        "Survived" => new MutationTally(Survived: 1),
        _ => new MutationTally(NoCoverage: 1),
    });
}

// Per file of src/Ezrouter (path from src/ on), the tested mutants of one Stryker JSON report.
Dictionary<string, FileMutants> MutantResults(string report)
{
    using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(report));
    var result = new Dictionary<string, FileMutants>();
    foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
    {
        var path = file.Name.Replace('\\', '/');
        path = path.Contains("src/Ezrouter/") ? path[path.IndexOf("src/Ezrouter/")..] : path;
        var mutants = new Dictionary<string, Mutant>();
        foreach (var m in file.Value.GetProperty("mutants").EnumerateArray())
        {
            var status = m.GetProperty("status").GetString()!;
            if (status is not ("Killed" or "Timeout" or "Survived" or "NoCoverage")) continue;
            System.Text.Json.JsonElement start = m.GetProperty("location").GetProperty("start"), end = m.GetProperty("location").GetProperty("end");
            var mutant = new Mutant(start.GetProperty("line").GetInt32(), start.GetProperty("column").GetInt32(),
                end.GetProperty("line").GetInt32(), end.GetProperty("column").GetInt32(), m.GetProperty("mutatorName").GetString()!,
                m.TryGetProperty("replacement", out var r) ? r.GetString() ?? "" : "", status);
            mutants[mutant.Key] = mutant;
        }
        result[path] = new FileMutants(file.Value.GetProperty("source").GetString() ?? "", mutants);
    }
    return result;
}

// Every labelled report under artifacts/mutation, oldest first, added up: a mutant's newest result wins (a rerun of
// some mutants updates those), and a file whose text changed is taken whole from the newer report.
Dictionary<string, FileMutants> MergedResults(ConvertableDirectoryPath mutations, bool log = false)
{
    var files = new Dictionary<string, FileMutants>();
    var reports = GetFiles(mutations.Path.FullPath + "/*/reports/mutation-report.json")
        .OrderBy(r => System.IO.File.GetLastWriteTimeUtc(r.FullPath));
    foreach (var report in reports)
    {
        var run = report.GetDirectory().GetParent().CombineWithFilePath("run.txt").FullPath;
        if (log) Information("{0}: {1}", report.FullPath, System.IO.File.Exists(run) ? System.IO.File.ReadAllText(run).Trim() : "(no run.txt)");
        foreach (var (file, newer) in MutantResults(report.FullPath))
        {
            if (newer.Mutants.Count == 0) continue;
            if (files.TryGetValue(file, out var known) && known.Source == newer.Source)
            {
                foreach (var (key, mutant) in newer.Mutants) known.Mutants[key] = mutant;
            }
            else
            {
                files[file] = newer;
            }
        }
    }
    return files;
}

// Stryker --mutate globs that select exactly the surviving and uncovered mutants ("<file>{start..end}…", character
// spans) of the files under the given paths of src/Ezrouter ("." for its root files) whose text is still what was
// mutated. Left out: ConfigureAwait(false) -> true (no test can tell it apart: a library has no synchronization context
// to return to) and the lines build/mutation-equivalent.txt names, reviewed as equivalent. Those keep their result.
List<string> SurvivorSpans(Dictionary<string, FileMutants> results, string[] under)
{
    var equivalent = System.IO.File.ReadAllLines("./build/mutation-equivalent.txt")
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(' ', 2)[0])
        .ToHashSet();
    var globs = new List<string>();
    foreach (var (path, file) in results.OrderBy(f => f.Key))
    {
        var relative = path.StartsWith("src/Ezrouter/") ? path["src/Ezrouter/".Length..] : path;
        if (!under.Any(u => u == "." ? !relative.Contains('/') : relative.StartsWith(u.TrimStart('.', '/')))) continue;
        var onDisk = "./src/Ezrouter/" + relative;
        if (!System.IO.File.Exists(onDisk) || System.IO.File.ReadAllText(onDisk) != file.Source) continue;
        var lines = file.Source.Split('\n');
        var lineStart = new int[lines.Length + 1];
        for (var i = 0; i < lines.Length; i++) lineStart[i + 1] = lineStart[i] + lines[i].Length + 1;
        var spans = new SortedSet<(int, int)>();
        foreach (var m in file.Mutants.Values.Where(m => m.Status is "Survived" or "NoCoverage"))
        {
            if (equivalent.Contains($"{relative}:{m.Line}") || equivalent.Contains($"{relative}:*")) continue;
            if (lines[m.Line - 1].Contains("ConfigureAwait(false)") && m.Mutator.StartsWith("Boolean")) continue;
            // Stryker's spans are offsets in the text (UTF-16, as C# strings count).
            spans.Add((lineStart[m.Line - 1] + m.Column - 1, lineStart[m.EndLine - 1] + m.EndColumn - 1));
        }
        if (spans.Count > 0) globs.Add("**/" + relative + string.Concat(spans.Select(s => $"{{{s.Item1}..{s.Item2}}}")));
    }
    return globs;
}
