namespace Ezrouter.Cli.Tests.Processes;

/// <summary>
/// Issue 14, "done when": the README's CLI section shows a stream with a tool call and a typed error. Each
/// <c>$ ezrouter …</c> line of its transcript is run against a recorded-gateway process, and what the CLI prints
/// (stdout, then stderr) must be the lines printed under it, so the README cannot drift from the CLI.
/// </summary>
public sealed class ReadmeTranscriptTests(GatewayProcessFixture gateway) : IClassFixture<GatewayProcessFixture>
{
    [Fact]
    public async Task EveryCommandInTheReadmesCliSectionPrintsWhatTheReadmeShows()
    {
        // Arrange
        var commands = Transcript(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
        Assert.Contains(commands, c => c.Expected.Contains("→ get_weather(", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Expected.Contains("\"exception\":\"Ezrouter", StringComparison.Ordinal));

        // Act
        var runs = await Task.WhenAll(commands.Select(c => CliProcess.RunAsync(HelpAndTourTests.Words(c.Line)[1..], gateway.Environment)));

        // Assert
        Assert.All(commands.Zip(runs), pair => Assert.True(pair.First.Expected == pair.Second.Out + pair.Second.Err, $"$ {pair.First.Line}\n{pair.Second}"));
    }

    /// <summary>The <c>$ ezrouter</c> commands of the first text block under "## The CLI", each with the lines under it.</summary>
    private static List<(string Line, string Expected)> Transcript(string readme)
    {
        var section = readme[readme.IndexOf("\n## The CLI\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```text\n", StringComparison.Ordinal) + "```text\n".Length;
        var block = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
        var commands = new List<(string Line, System.Text.StringBuilder Expected)>();
        foreach (var line in block.Split('\n'))
        {
            if (line.StartsWith("$ ezrouter ", StringComparison.Ordinal)) commands.Add((line[2..], new()));
            else if (line.StartsWith("$ ", StringComparison.Ordinal)) continue; // the export the fixture's environment stands for
            else commands[^1].Expected.Append(line).Append('\n');
        }
        return commands.Select(c => (c.Line, c.Expected.ToString())).ToList();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ezrouter.Generated.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException($"no repository above {AppContext.BaseDirectory}");
    }
}
