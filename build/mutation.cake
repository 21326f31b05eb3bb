// Mutation testing (loaded by build.cake; docs/mutation-testing.md says how the runs are used). Two tasks:
//   Mutation          one Stryker run, its report in artifacts/mutation/<label>/
//   MutationSummary   every labelled report added up, each mutant at its newest result

Task("Mutation")
    .Description("Mutation testing: dotnet-stryker (pinned in .config/dotnet-tools.json) mutates src/Ezrouter and runs "
        + "tests/Ezrouter.Tests and tests/Ezrouter.Extensions.AI.Tests against each mutant, with build/stryker-config.json. "
        + "Not a dependency of Test: CI never runs it. --mutate=<glob>[;<glob>…] narrows the files (globs as in Stryker's "
        + "--mutate), --survivors-of=<label> instead retests only the surviving and uncovered mutants of that earlier run "
        + "(in files unchanged since; build/mutation-equivalent.txt lists the ones left out), --concurrency=N overrides "
        + "the config's, --label=<name> keeps this run's report in artifacts/mutation/<name> (default: all).")
    .Does(() =>
{
    // Stryker runs from the source project's folder, with the test projects named in the config (tests/Ezrouter.Tests,
    // and tests/Ezrouter.Extensions.AI.Tests, the only tests of the configuration reader): run from the repository
    // root it sees the solution instead. The config's paths are relative to that folder.
    var sourceProject = Directory("./src/Ezrouter");
    var mutations = Directory("./artifacts") + Directory("mutation");
    var output = mutations + Directory(Argument("label", "all"));
    var survivorsOf = Argument("survivors-of", "");
    // Read before the output is cleaned: a rerun may be labelled like the run it retests.
    var globs = survivorsOf == ""
        ? Argument("mutate", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
        : SurvivorSpans(GetFiles((mutations + Directory(survivorsOf)).Path.FullPath + "/reports/mutation-report.json").Single().FullPath);
    if (survivorsOf != "" && globs.Count == 0)
    {
        throw new CakeException($"Run {survivorsOf} left no mutant to retest in a file unchanged since.");
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
    var what = survivorsOf == "" ? $"mutate {Argument("mutate", "**/*.cs")}" : $"survivors of {survivorsOf} ({globs.Count} files)";
    System.IO.File.WriteAllText(MakeAbsolute(output).FullPath + "/run.txt",
        $"commit {commit}; {what}; started {started:yyyy-MM-dd HH:mm} UTC; {(DateTime.UtcNow - started):hh\\:mm\\:ss}\n");
    var counts = MutantResults(GetFiles(output.Path.FullPath + "/**/mutation-report.json").Single().FullPath)
        .ToDictionary(f => f.Key, f => f.Value.Tally);
    Information("Mutation score: {0}", counts.Values.Aggregate(new MutationTally(), (a, b) => a + b));
});

Task("MutationSummary")
    .Description("Adds up the reports of every Mutation run under artifacts/mutation/<label>: each mutant counted once, at "
        + "its result in the newest report that tested it (a whole file from the newest report when the file changed in "
        + "between), and prints the score per folder and for the files tested.")
    .Does(() =>
{
    var files = new Dictionary<string, FileMutants>();
    var reports = GetFiles((Directory("./artifacts") + Directory("mutation")).Path.FullPath + "/*/reports/mutation-report.json")
        .OrderBy(r => System.IO.File.GetLastWriteTimeUtc(r.FullPath));
    foreach (var report in reports)
    {
        var run = report.GetDirectory().GetParent().CombineWithFilePath("run.txt").FullPath;
        Information("{0}: {1}", report.FullPath, System.IO.File.Exists(run) ? System.IO.File.ReadAllText(run).Trim() : "(no run.txt)");
        foreach (var (file, newer) in MutantResults(report.FullPath))
        {
            if (newer.Status.Count == 0) continue;
            // A rerun of some mutants (--survivors-of) updates those; a file that changed is measured anew.
            if (files.TryGetValue(file, out var known) && known.Source == newer.Source)
            {
                foreach (var (mutant, status) in newer.Status) known.Status[mutant] = status;
            }
            else
            {
                files[file] = newer;
            }
        }
    }
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

// One file of a report: its text when mutated, and each tested mutant's status, by where it is and what it does (the
// same in two reports of the same text, unlike Stryker's ids).
record FileMutants(string Source, Dictionary<string, string> Status)
{
    public MutationTally Tally => Status.Values.Aggregate(new MutationTally(), (t, s) => t + s switch
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
        var status = new Dictionary<string, string>();
        foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
        {
            var state = mutant.GetProperty("status").GetString();
            if (state is not ("Killed" or "Timeout" or "Survived" or "NoCoverage")) continue;
            var at = mutant.GetProperty("location");
            var replacement = mutant.TryGetProperty("replacement", out var r) ? r.GetString() : "";
            status[$"{at.GetProperty("start")}-{at.GetProperty("end")} {mutant.GetProperty("mutatorName").GetString()} {replacement}"] = state;
        }
        result[path] = new FileMutants(file.Value.GetProperty("source").GetString() ?? "", status);
    }
    return result;
}

// Stryker --mutate globs that select exactly the surviving and uncovered mutants of a report ("<file>{start..end}…",
// character spans), in the files whose text is still what was mutated. Left out: ConfigureAwait(false) -> true (no
// test can tell it apart: a library has no synchronization context to return to) and the lines
// build/mutation-equivalent.txt names, reviewed as equivalent. Those keep their earlier result.
List<string> SurvivorSpans(string report)
{
    var equivalent = System.IO.File.ReadAllLines("./build/mutation-equivalent.txt")
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(' ', 2)[0])
        .ToHashSet();
    using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(report));
    var globs = new List<string>();
    foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
    {
        var path = file.Name.Replace('\\', '/');
        var relative = path.Contains("src/Ezrouter/") ? path[(path.IndexOf("src/Ezrouter/") + "src/Ezrouter/".Length)..] : path;
        var source = file.Value.GetProperty("source").GetString() ?? "";
        var onDisk = "./src/Ezrouter/" + relative;
        if (!System.IO.File.Exists(onDisk) || System.IO.File.ReadAllText(onDisk) != source) continue;
        var lines = source.Split('\n');
        var lineStart = new int[lines.Length + 1];
        for (var i = 0; i < lines.Length; i++) lineStart[i + 1] = lineStart[i] + lines[i].Length + 1;
        var spans = new SortedSet<(int, int)>();
        foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
        {
            if (mutant.GetProperty("status").GetString() is not ("Survived" or "NoCoverage")) continue;
            var start = mutant.GetProperty("location").GetProperty("start");
            var end = mutant.GetProperty("location").GetProperty("end");
            int line = start.GetProperty("line").GetInt32(), endLine = end.GetProperty("line").GetInt32();
            if (equivalent.Contains($"{relative}:{line}") || equivalent.Contains($"{relative}:*")) continue;
            if (lines[line - 1].Contains("ConfigureAwait(false)") && mutant.GetProperty("mutatorName").GetString()!.StartsWith("Boolean")) continue;
            // The report's lines and columns count from 1, the end column is exclusive; Stryker's spans are offsets.
            spans.Add((lineStart[line - 1] + start.GetProperty("column").GetInt32() - 1, lineStart[endLine - 1] + end.GetProperty("column").GetInt32() - 1));
        }
        if (spans.Count > 0) globs.Add("**/" + relative + string.Concat(spans.Select(s => $"{{{s.Item1}..{s.Item2}}}")));
    }
    return globs;
}
